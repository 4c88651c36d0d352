/** Bytes to text: declared charset, BOMs, XML prologs, HTML meta charsets, and a safe fallback. */
package io.wireingest.core.decode;

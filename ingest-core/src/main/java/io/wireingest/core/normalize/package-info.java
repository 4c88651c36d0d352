/** The normalized article: ninjs 3.1 plus the {@code wire} extension, with safe HTML and plain-text bodies. */
package io.wireingest.core.normalize;

/** One reader per wire format, and the recognizer that picks one by cheap sniffing. */
package io.wireingest.core.format;

/** Datelines: the lead of a story (place, agency, date) read by a small grammar of dateline parts. */
package io.wireingest.core.dateline;

/**
 * The one place where XML is parsed: {@link io.wireingest.core.xml.SafeXml} reads agency XML with DTDs and external
 * entities off, no network access, entity expansion refused and element depth bounded, into a jsoup element tree
 * that the format readers query.
 */
package io.wireingest.core.xml;

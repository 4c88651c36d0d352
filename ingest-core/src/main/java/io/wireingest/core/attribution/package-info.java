/** Source attribution: credit lines, the agency chain, contributors, copyright, sources cited in the text. */
package io.wireingest.core.attribution;

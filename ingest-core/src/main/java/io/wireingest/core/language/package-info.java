/** Language: from the envelope or the source when they say, else detected. */
package io.wireingest.core.language;

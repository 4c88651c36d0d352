/** Data carried through the pipeline: the raw item, the working story, and the parts of an article. */
package io.wireingest.core.model;

/** The pipeline: stages, limits, and the outcome of processing one raw item. */
package io.wireingest.core.pipeline;

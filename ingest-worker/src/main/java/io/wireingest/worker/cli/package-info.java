/** Offline sub-commands of the worker jar. */
package io.wireingest.worker.cli;

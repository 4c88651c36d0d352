/** Cleaning: wire furniture out of the body, and the one safelist every emitted body passes through. */
package io.wireingest.core.clean;

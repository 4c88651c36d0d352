/** Test support shared with ingest-worker's tests through the test-jar: schema validation and the shared corpus. */
package io.wireingest.core.testing;

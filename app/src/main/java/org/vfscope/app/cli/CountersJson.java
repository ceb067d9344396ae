package org.vfscope.app.cli;

import org.vfscope.trace.CacheCounters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cache counters as the JSON object scripts read: snake_case keys named as in /proc (dentries,
 * pages_dirty, ...). Written out field by field, not by reflection, so renaming a record component
 * cannot silently rename a key that scripts depend on.
 */
final class CountersJson {

    private CountersJson() {
    }

    static ObjectNode of(CacheCounters c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("dentries", c.dentries());
        o.put("dentries_unused", c.dentriesUnused());
        o.put("dentries_negative", c.dentriesNegative());
        o.put("inodes", c.inodes());
        o.put("inodes_dirty", c.inodesDirty());
        o.put("pages", c.pages());
        o.put("pages_active", c.pagesActive());
        o.put("pages_inactive", c.pagesInactive());
        o.put("pages_referenced", c.pagesReferenced());
        o.put("pages_dirty", c.pagesDirty());
        o.put("pages_writeback", c.pagesWriteback());
        ArrayNode windows = o.putArray("readahead_windows");
        c.readaheadWindows().forEach(windows::add);
        o.put("block_reads", c.blockReads());
        o.put("block_writes", c.blockWrites());
        o.put("refaults", c.refaults());
        o.put("evictions", c.evictions());
        return o;
    }
}

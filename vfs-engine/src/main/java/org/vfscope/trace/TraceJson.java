package org.vfscope.trace;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of trace events: one object per event with a {@code "type"} field naming it
 * after the kernel tracepoint it stands for. The records stay free of Jackson annotations; the
 * type information is attached here with a mix-in.
 */
final class TraceJson {
    /** Every event type and its name in the file; a name, once written, never changes. */
    static final Map<Class<? extends TraceEvent>, String> TYPE_NAMES = typeNames();

    private TraceJson() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypedEvent {
    }

    private static Map<Class<? extends TraceEvent>, String> typeNames() {
        Map<Class<? extends TraceEvent>, String> names = new LinkedHashMap<>();
        names.put(DentryLookup.class, "d_lookup");
        names.put(DentryStateChange.class, "dentry_state");
        names.put(InodeStateChange.class, "inode_state");
        names.put(PageStateChange.class, "page_state");
        names.put(BlockIo.class, "block_rq_complete");
        names.put(WritebackSingleInode.class, "writeback_single_inode");
        names.put(ThrottlePause.class, "balance_dirty_pages");
        names.put(CacheShrink.class, "cache_shrink");
        for (Class<?> c : TraceEvent.class.getPermittedSubclasses()) {
            if (!names.containsKey(c)) {
                throw new ExceptionInInitializerError("no JSON type name for " + c.getName());
            }
        }
        return Map.copyOf(names);
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.addMixIn(TraceEvent.class, TypedEvent.class);
        TYPE_NAMES.forEach((type, name) -> mapper.registerSubtypes(new NamedType(type, name)));
        // A newer recorder may add fields; an older reader skips them rather than failing.
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Records are written by their components only: helpers such as isRoot() are not state.
        mapper.setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }
}

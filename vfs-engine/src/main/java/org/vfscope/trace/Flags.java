package org.vfscope.trace;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Immutable, ordered flag sets for the records. A snapshot holds one per object and the
 * combinations are few, so each distinct set is built once and shared.
 */
final class Flags {
    /** Enums with more constants than this are copied, not shared. */
    private static final int MAX_SHARED_FLAGS = 16;

    /** Per enum type, the shared sets by bit mask (ordinal i is bit i); filled as they are met. */
    private static final ClassValue<AtomicReferenceArray<Set<?>>> SHARED = new ClassValue<>() {
        @Override
        protected AtomicReferenceArray<Set<?>> computeValue(Class<?> type) {
            int n = type.getEnumConstants().length;
            return new AtomicReferenceArray<>(n <= MAX_SHARED_FLAGS ? 1 << n : 0);
        }
    };

    private Flags() {
    }

    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> Set<E> copyOf(Class<E> type, Collection<E> flags) {
        AtomicReferenceArray<Set<?>> shared = SHARED.get(type);
        if (shared.length() == 0) {
            return build(type, flags);
        }
        int bits = 0;
        if (flags != null) {
            for (E f : flags) {
                bits |= 1 << f.ordinal();
            }
        }
        Set<?> set = shared.get(bits);
        if (set == null) {
            shared.compareAndSet(bits, null, build(type, flags));
            set = shared.get(bits);
        }
        return (Set<E>) set;
    }

    private static <E extends Enum<E>> Set<E> build(Class<E> type, Collection<E> flags) {
        EnumSet<E> copy = EnumSet.noneOf(type);
        if (flags != null) {
            copy.addAll(flags);
        }
        return Collections.unmodifiableSet(copy);
    }
}

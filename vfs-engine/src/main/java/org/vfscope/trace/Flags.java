package org.vfscope.trace;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Immutable, ordered flag sets for the records. A snapshot holds one per object and the
 * combinations are few, so each distinct set is built once and shared; a snapshot taker that
 * has the bits ({@link #ofBits}) gets the shared set without building one per object.
 */
final class Flags {
    /** Enums with more constants than this are copied, not shared. */
    private static final int MAX_SHARED_FLAGS = 16;

    /** Per enum type, the shared sets by bit mask (ordinal i is bit i); filled as they are met. */
    private static final ClassValue<AtomicReferenceArray<Shared<?>>> SHARED = new ClassValue<>() {
        @Override
        protected AtomicReferenceArray<Shared<?>> computeValue(Class<?> type) {
            int n = type.getEnumConstants().length;
            return new AtomicReferenceArray<>(n <= MAX_SHARED_FLAGS ? 1 << n : 0);
        }
    };

    private Flags() {
    }

    /** The shared set whose bit i stands for the constant of ordinal i. */
    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> Set<E> ofBits(Class<E> type, int bits) {
        AtomicReferenceArray<Shared<?>> shared = SHARED.get(type);
        if (shared.length() == 0) {
            EnumSet<E> set = EnumSet.noneOf(type);
            for (E e : type.getEnumConstants()) {
                if ((bits & (1 << e.ordinal())) != 0) {
                    set.add(e);
                }
            }
            return Collections.unmodifiableSet(set);
        }
        Shared<?> set = shared.get(bits);
        if (set == null) {
            EnumSet<E> copy = EnumSet.noneOf(type);
            for (E e : type.getEnumConstants()) {
                if ((bits & (1 << e.ordinal())) != 0) {
                    copy.add(e);
                }
            }
            shared.compareAndSet(bits, null, new Shared<>(type, copy));
            set = shared.get(bits);
        }
        return (Set<E>) set;
    }

    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> Set<E> copyOf(Class<E> type, Collection<E> flags) {
        if (flags instanceof Shared<?> s && s.type == type) {
            return (Set<E>) flags; // already immutable and shared
        }
        if (SHARED.get(type).length() == 0) {
            EnumSet<E> copy = EnumSet.noneOf(type);
            if (flags != null) {
                copy.addAll(flags);
            }
            return Collections.unmodifiableSet(copy);
        }
        int bits = 0;
        if (flags != null) {
            for (E f : flags) {
                bits |= 1 << f.ordinal();
            }
        }
        return ofBits(type, bits);
    }

    /** An immutable enum set that knows it is one of the shared ones. */
    private static final class Shared<E extends Enum<E>> extends AbstractSet<E> {
        final Class<E> type;
        private final Set<E> set;

        Shared(Class<E> type, EnumSet<E> set) {
            this.type = type;
            this.set = Collections.unmodifiableSet(set);
        }

        @Override
        public Iterator<E> iterator() {
            return set.iterator();
        }

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public boolean contains(Object o) {
            return set.contains(o);
        }
    }
}

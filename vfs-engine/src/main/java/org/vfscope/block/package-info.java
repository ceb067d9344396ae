/**
 * The block layer: the bottom of the engine, below the page cache. A {@link
 * org.vfscope.block.BlockDevice} is a fixed-size array of bytes addressed by offset; everything
 * above ({@code mm}, the drivers) reads and writes images only through it.
 *
 * <p>Devices stack like the kernel's loop and device-mapper targets:
 * <pre>
 *   InstrumentedDevice   latency model, fault injection, I/O statistics and events (dm-delay, dm-flakey, blktrace)
 *     CowOverlay         writes kept aside until commit, discard or save-as (dm-snapshot)
 *       FileBlockDevice  the image file, opened read-only (loop)
 *   PartitionView        a window of any of these (a partition, /dev/sdX&lt;N&gt;)
 * </pre>
 * {@link org.vfscope.block.BlockDevices#openImage} builds the usual stack. Errors are {@link
 * org.vfscope.vfs.VfsException}s: {@code EIO} for failed I/O and for access beyond the end of a
 * device, {@code EROFS} for writes to a read-only device, {@code EINVAL} for impossible arguments.
 */
package org.vfscope.block;

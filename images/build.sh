#!/usr/bin/env bash
# images/build.sh: builds VFScope's sample and deliberately corrupted images with the reference
# tools (mke2fs -d, debugfs, sfdisk), so that the tools and not our reader define what is on disk.
# Two runs give byte-identical images (same e2fsprogs version): fixed UUIDs, hash seeds, creation
# time, owners and timestamps, and a pinned mke2fs.conf. images/README.md describes each image.
#
#   images/build.sh             rebuild every image into images/build/, then store each one that
#                               changed as images/NAME.img.xz and its checksum in images/SHA256SUMS
#   images/build.sh --check     rebuild into a temporary directory and compare with the committed
#                               images; prints each difference, exits 1 if there is any
#   images/build.sh --unpack [NAME.img...]
#                               decompress committed images (all by default) into images/build/
#   images/build.sh --demo      what ./vfscope runs: make images/build/demo-ext4.img (unpacked, or
#                               built if the .xz is missing) and point the link images/demo.img at it
#   images/build.sh --fsck      print `e2fsck -fn` and its exit code for each filesystem image
#                               (unpacked into images/build/ first if missing)
#
# Needs e2fsprogs (mke2fs, debugfs, e2fsck), fdisk (sfdisk) and xz-utils; --unpack needs only xz.
set -euo pipefail
export LC_ALL=C TZ=UTC # mke2fs -d sorts names with strcoll: the locale must not change the order
umask 022

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PATH="$PATH:/sbin:/usr/sbin" # mke2fs, debugfs and sfdisk live in sbin, often not on a user's PATH
export MKE2FS_CONFIG="$here/mke2fs.conf"
EPOCH=1704067200 # 2024-01-01 00:00:00 UTC: every timestamp in every image
export E2FSPROGS_FAKE_TIME=$EPOCH # mke2fs and debugfs use it as "now"

IMAGES=(demo-ext4.img ext2-1k.img gpt-disk.img ext3-needs-recovery.img
        corrupt-bad-block-pointer.img corrupt-zero-rec-len.img corrupt-dir-loop.img
        corrupt-free-counts.img corrupt-dup-blocks.img corrupt-bad-magic.img)

tmp= # a temporary directory, removed on exit
die() { echo "build.sh: $*" >&2; exit 1; }
need() { # command package
  command -v "$1" >/dev/null 2>&1 ||
    die "$1 not found; install $2 (Debian/Ubuntu: apt-get install $2${3:+, macOS: brew install $3})"
}

# ---------------------------------------------------------------------------------------------
# Trees. Every text here is written for VFScope. Owners and times are set in the image afterwards
# (normalize), so the user running this and the host's clock do not matter.

demo_tree() { # dir: the demo ext4 image
  local t=$1 i
  mkdir -p "$t"/{etc/vfscope,home/alice,docs,data/many,bin,empty,run,dev}
  mkdir -p "$t/deep/level1/level2/level3/level4/level5/level6/level7/level8"
  cat > "$t/README.md" <<'EOF'
# VFScope demo image

An ext4 filesystem built by `mke2fs -d` from a tree that `images/build.sh` writes.
Things to try:

- open `/docs/guide.md` or `/etc/vfscope/vfscope.conf` in the editor;
- stream `/data/big.bin` (4 MiB) and watch the page cache and readahead;
- walk down `/deep` (eight levels) and watch the dentry cache grow;
- follow the links in `/docs`: relative, absolute, dangling and a long one;
- list `/data/many`, a directory of 300 entries that spans several blocks.
EOF
  printf 'vfscope-demo\n' > "$t/etc/hostname"
  cat > "$t/etc/hosts" <<'EOF'
127.0.0.1	localhost
127.0.1.1	vfscope-demo
::1		localhost ip6-localhost ip6-loopback
EOF
  cat > "$t/etc/fstab" <<'EOF'
# <device>                                  <dir>  <type>  <options>          <dump> <pass>
UUID=adb5f103-f51f-42b1-b276-0ed4ae864621  /      ext4    defaults,noatime   0      1
tmpfs                                       /run   tmpfs   mode=0755,nosuid   0      0
EOF
  cat > "$t/etc/vfscope/vfscope.conf" <<'EOF'
# VFScope settings (an example: nothing reads this file)
[cache]
page_cache_mb = 64
dentries = 4096
inodes = 2048

[writeback]
dirty_expire_centisecs = 3000
dirty_writeback_centisecs = 500

[ui]
theme = light
show_hidden = false
EOF
  printf 'Welcome to the VFScope demo image.\n' > "$t/etc/motd"
  ln "$t/etc/motd" "$t/etc/issue" # a hard link: one inode, two names
  cat > "$t/home/alice/.profile" <<'EOF'
# ~/.profile: a hidden dotfile
export EDITOR=vi
export PATH="$HOME/bin:$PATH"
EOF
  printf 'Remember: check the superblock backups before running e2fsck -y.\n' > "$t/home/alice/notes for later.txt"
  printf 'Grüße aus Köln! Crème brûlée, smørrebrød, 東京, Ελλάδα.\n' > "$t/home/alice/résumé-été.txt"
  cat > "$t/docs/guide.md" <<'EOF'
# Guide to the demo image

## Layout

| path | what |
|---|---|
| `/etc` | small configuration files |
| `/home/alice` | a user's files (owned by uid 1000), one of them hidden |
| `/data` | a CSV, a 4 MiB file, a sparse file and a large directory |
| `/deep` | eight nested directories |
| `/docs/latest` | symlink to `guide.md` |

## Special files

`/run/demo.fifo` is a named pipe and `/dev/null` a character device (1, 3).
`/empty` is an empty directory; `lost+found` was made by mke2fs.
EOF
  ln -s guide.md "$t/docs/latest"                                 # relative
  ln -s /docs/guide.md "$t/docs/manual"                           # absolute
  ln -s ../nowhere/missing.txt "$t/docs/broken"                   # dangling
  ln -s ../deep/level1/level2/level3/level4/level5/level6/level7/level8/bottom.txt \
    "$t/docs/long-link" # longer than 60 bytes: kept in a block, not in the inode
  cat > "$t/data/measurements.csv" <<'EOF'
date,station,temperature_c,humidity_pct,pressure_hpa
2024-01-01,north,-2.5,81,1021.4
2024-01-01,south,4.1,74,1019.8
2024-01-02,north,-1.0,85,1017.2
2024-01-02,south,5.3,70,1016.9
2024-01-03,north,0.4,90,1012.5
2024-01-03,south,6.8,66,1011.0
EOF
  # 4 MiB, 65536 lines of exactly 64 bytes: line n starts at byte 64*(n-1).
  seq -f 'big.bin line %07.0f/0065536: streaming sample, 64 bytes a line' 1 65536 > "$t/data/big.bin"
  # 8 MiB apparent, 12 KiB of data: blocks at 0, 4 MiB and the end, holes between.
  printf 'sparse.bin: data at 0\n' > "$t/data/sparse.bin"
  printf 'sparse.bin: data at 4 MiB\n' | dd of="$t/data/sparse.bin" bs=4096 seek=1024 conv=notrunc status=none
  printf 'sparse.bin: data in the last block\n' | dd of="$t/data/sparse.bin" bs=4096 seek=2047 conv=notrunc status=none
  truncate -s 8M "$t/data/sparse.bin"
  for i in $(seq -w 0 299); do printf 'entry %s\n' "$i" > "$t/data/many/entry-$i.txt"; done
  cat > "$t/bin/hello.sh" <<'EOF'
#!/bin/sh
# Prints a greeting; mode 755.
echo "hello from the VFScope demo image"
EOF
  chmod 755 "$t/bin/hello.sh"
  printf 'You reached the bottom: eight levels down.\n' \
    > "$t/deep/level1/level2/level3/level4/level5/level6/level7/level8/bottom.txt"
  mkfifo "$t/run/demo.fifo"
}
# Added by debugfs after mke2fs -d (a device node needs root on the host): name, then commands.
demo_extra=/dev/null
demo_extra_cmds() {
  printf '%s\n' 'cd /dev' 'mknod null c 1 3' 'cd /' # mknod /dev/null would put "/dev/null" in /
  echo 'sif /dev/null mode 020666'
  echo 'ea_set /docs/guide.md user.mime_type text/markdown'
}

ext2_tree() { # dir: the ext2 image with 1 KiB blocks (direct, indirect and double indirect blocks)
  local t=$1
  mkdir -p "$t"/{docs,data,empty,a/b/c}
  cat > "$t/README.txt" <<'EOF'
VFScope ext2 sample: 1 KiB blocks, no extents, no journal.
data/numbers.txt needs an indirect block, data/double.txt a double indirect one,
and data/holes.bin has holes in all three ranges.
EOF
  printf 'First note.\n' > "$t/docs/one.txt"
  printf 'Second note.\n' > "$t/docs/two.txt"
  ln "$t/docs/one.txt" "$t/docs/one-again.txt"
  ln -s one.txt "$t/docs/link-to-one"
  ln -s ../a/b/c/end.txt "$t/docs/link-to-end"
  seq 1 20000 > "$t/data/numbers.txt" # 106 KiB: direct blocks and one indirect block
  seq -f 'double.txt line %06.0f: past 268 KiB a file needs double indirect blocks' 1 16384 \
    > "$t/data/double.txt" # 1.1 MiB
  printf 'holes.bin: block 0\n' > "$t/data/holes.bin"
  printf 'holes.bin: block 100 (indirect)\n' | dd of="$t/data/holes.bin" bs=1024 seek=100 conv=notrunc status=none
  printf 'holes.bin: block 1500 (double indirect)\n' | dd of="$t/data/holes.bin" bs=1024 seek=1500 conv=notrunc status=none
  truncate -s 2M "$t/data/holes.bin"
  printf 'the end\n' > "$t/a/b/c/end.txt"
}

part1_tree() {
  mkdir -p "$1/etc"
  printf 'GPT partition 1 of gpt-disk.img: ext4, label vfscope-root.\n' > "$1/README.txt"
  printf 'vfscope-gpt\n' > "$1/etc/hostname"
}
part2_tree() {
  mkdir -p "$1/data"
  printf 'GPT partition 2 of gpt-disk.img: ext2, label vfscope-data.\n' > "$1/README.txt"
  seq 1 1000 > "$1/data/numbers.txt"
}

journal_tree() { # dir: the ext3 image whose journal needs recovery, as it was at the last checkpoint
  local t=$1
  mkdir -p "$t/docs"
  printf 'An ext3 filesystem whose journal holds a transaction that was never written in place.\n' > "$t/README.txt"
  printf 'Written before the crash.\n' > "$t/docs/before.txt"
  printf 'Deleted by the transaction in the journal.\n' > "$t/docs/deleted.txt"
}
journal_changes() { # new-file: what the journaled transaction does, as debugfs commands
  printf 'write "%s" /docs/after.txt\n' "$1"
  printf '%s\n' 'mkdir /made-in-the-journal' 'rm /docs/deleted.txt'
}

corrupt_tree() { # dir: the healthy ext2 filesystem every corrupt-*.img starts from
  local t=$1
  mkdir -p "$t"/{docs,dir1/dir2/dir3}
  printf 'A small ext2 filesystem that images/build.sh then damages on purpose.\n' > "$t/README.txt"
  printf 'File a.\n' > "$t/docs/a.txt"
  printf 'File b.\n' > "$t/docs/b.txt"
  printf 'File c.\n' > "$t/docs/c.txt"
  printf 'Three levels down.\n' > "$t/dir1/dir2/dir3/deep.txt"
  seq 1 10000 > "$t/numbers.txt" # 48 KiB: uses an indirect block
}

# ---------------------------------------------------------------------------------------------
# Building.

debugfs_w() { # image < commands: runs debugfs -w, fails on any error message
  local errors
  errors=$(debugfs -w -f - "$1" 2>&1 >/dev/null | grep -v '^debugfs [0-9]' || true)
  [ -z "$errors" ] || die "debugfs on $(basename "$1"): $errors"
}

# Owners and times from the host are replaced: uid/gid 0 (1000 under /home/alice), every time
# EPOCH. (mke2fs -d copies ctime, which touch cannot set, and reading the tree may move atimes.)
# A security.selinux label copied from an SELinux host is removed.
normalize() { # image tree [extra paths...]
  local img=$1 tree=$2 p o
  shift 2
  { (cd "$tree" && find . | sed 's|^\.||; s|^$|/|') ; printf '%s\n' "$@"; } | sort |
  while IFS= read -r p; do
    case $p in /home/alice|/home/alice/*) o=1000 ;; *) o=0 ;; esac
    printf 'sif "%s" uid %s\nsif "%s" gid %s\n' "$p" $o "$p" $o
    printf 'sif "%s" %s @%s\n' "$p" atime $EPOCH "$p" mtime $EPOCH "$p" ctime $EPOCH
    printf 'ea_rm "%s" security.selinux\n' "$p"
  done | debugfs_w "$img"
}

mkfs() { # image type size label uuid hash-seed tree [mke2fs options...]
  local img=$1 type=$2 size=$3 label=$4 uuid=$5 seed=$6 tree=$7
  shift 7
  rm -f "$img"
  mke2fs -q -F -t "$type" -L "$label" -U "$uuid" -E "hash_seed=$seed,root_owner=0:0" \
    "$@" -d "$tree" "$img" "$size" >/dev/null
}

build_demo() { # out: out/demo-ext4.img from the tree out/trees/demo
  local t="$1/trees/demo"
  rm -rf "$t"
  mkdir -p "$t"
  demo_tree "$t"
  mkfs "$1/demo-ext4.img" ext4 16M vfscope-demo adb5f103-f51f-42b1-b276-0ed4ae864621 \
    733dbb56-bd9a-4b34-a07a-d66795f91812 "$t" -b 4096
  demo_extra_cmds | debugfs_w "$1/demo-ext4.img"
  normalize "$1/demo-ext4.img" "$t" $demo_extra
}

build_all() { # out: builds every image into out/, the trees into out/trees/
  local out=$1 t="$1/trees"
  rm -rf "$t"
  mkdir -p "$t"/{ext2,part1,part2,corrupt}

  build_demo "$out"
  build_journaled "$out"

  ext2_tree "$t/ext2"
  mkfs "$out/ext2-1k.img" ext2 8M vfscope-ext2 5d616477-5136-4542-89bb-f4cb2a53771d \
    61b96643-5681-4f33-b329-b490c43aa621 "$t/ext2" -b 1024
  normalize "$out/ext2-1k.img" "$t/ext2"

  # GPT disk, 12 MiB: partition 1 at 1 MiB (6 MiB, ext4), partition 2 at 7 MiB (4 MiB, ext2).
  part1_tree "$t/part1"
  part2_tree "$t/part2"
  mkfs "$out/part1.tmp" ext4 6M vfscope-root 66587742-3b0f-45a9-9502-9c7e34b58d73 \
    74c9538d-6a2e-466c-8fdf-cc8aa9c6efe2 "$t/part1"
  normalize "$out/part1.tmp" "$t/part1"
  mkfs "$out/part2.tmp" ext2 4M vfscope-data d0c5432e-5724-4554-b7b9-551feb6817ac \
    a3887b37-eea7-4442-9f4b-1b82d58ce496 "$t/part2"
  normalize "$out/part2.tmp" "$t/part2"
  rm -f "$out/gpt-disk.img"
  truncate -s 12M "$out/gpt-disk.img"
  sfdisk -q --no-reread --no-tell-kernel "$out/gpt-disk.img" >/dev/null <<'EOF'
label: gpt
label-id: 9008E40B-52E7-4782-9914-BAFEDA7137AA
unit: sectors
first-lba: 2048
start=2048, size=12288, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=45558688-3E49-46E3-8FF7-57AA21BA4BBC, name="vfscope-root"
start=14336, size=8192, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=92DC76AC-7A5D-4099-A72C-629E283DBED2, name="vfscope-data"
EOF
  dd if="$out/part1.tmp" of="$out/gpt-disk.img" bs=512 seek=2048 conv=notrunc,sparse status=none
  dd if="$out/part2.tmp" of="$out/gpt-disk.img" bs=512 seek=14336 conv=notrunc,sparse status=none
  rm -f "$out/part1.tmp" "$out/part2.tmp"

  # The corrupted images: one healthy ext2 (1 KiB blocks, 10 MiB, so two block groups and a
  # backup superblock at 8193), then one kind of damage each, made with debugfs.
  corrupt_tree "$t/corrupt"
  local base="$out/corrupt-base.tmp"
  mkfs "$base" ext2 10M vfscope-broken 14800935-19d3-4d68-a7cb-d3597a278307 \
    4252a306-1fb1-44de-a7ad-e3a66e4696ec "$t/corrupt" -b 1024
  normalize "$base" "$t/corrupt"
  # debugfs's freeb clears the bitmap bit only: these lines also count the block as free, as
  # the kernel would, so that the image has only the damage it is named after.
  free_block() { # block: freeb commands for a block of the base image (1 KiB blocks)
    local grp=$(( ($1 - 1) / 8192 )) stats
    stats=$(debugfs -R stats "$base" 2>/dev/null)
    echo "freeb $1"
    echo "ssv free_blocks_count $(( $(sed -n 's/^Free blocks: *//p' <<<"$stats") + 1 ))"
    echo "set_bg $grp free_blocks_count $(( $(sed -n "/^ Group *$grp:/{n;s/^ *\([0-9]*\) free blocks.*/\1/p;}" <<<"$stats") + 1 ))"
  }
  local a b c
  a=$(debugfs -R "bmap /docs/a.txt 0" "$base" 2>/dev/null)
  b=$(debugfs -R "bmap /docs/b.txt 0" "$base" 2>/dev/null)
  c=$(debugfs -R "bmap /docs/c.txt 0" "$base" 2>/dev/null)

  # 1. /docs/a.txt's first block pointer points past the end of the filesystem (its old block freed).
  cp "$base" "$out/corrupt-bad-block-pointer.img"
  { echo 'sif /docs/a.txt block[0] 123456789'; free_block "$a"; } | debugfs_w "$out/corrupt-bad-block-pointer.img"
  # 2. /docs's directory block: the third entry (a.txt, at offset 24) gets rec_len 0.
  cp "$base" "$out/corrupt-zero-rec-len.img"
  printf 'zap_block -f /docs -o 28 -l 2 -p 0 0\n' | debugfs_w "$out/corrupt-zero-rec-len.img"
  # 3. /dir1/dir2/dir3/up is an entry for /dir1, its own ancestor: a directory loop.
  cp "$base" "$out/corrupt-dir-loop.img"
  printf 'ln /dir1 /dir1/dir2/dir3/up\n' | debugfs_w "$out/corrupt-dir-loop.img"
  # 4. Free block and inode counts wrong in group descriptor 0 and in the superblock.
  cp "$base" "$out/corrupt-free-counts.img"
  printf '%s\n' 'set_bg 0 free_blocks_count 1000' 'set_bg 0 free_inodes_count 100' \
    'ssv free_blocks_count 5000' 'ssv free_inodes_count 500' | debugfs_w "$out/corrupt-free-counts.img"
  # 5. /docs/c.txt's block pointer is /docs/b.txt's block: both claim it (c's old block freed).
  cp "$base" "$out/corrupt-dup-blocks.img"
  { echo "sif /docs/c.txt block[0] $b"; free_block "$c"; } | debugfs_w "$out/corrupt-dup-blocks.img"
  # 6. The primary superblock (block 1) zeroed: bad magic; the backup at 8193 is intact.
  cp "$base" "$out/corrupt-bad-magic.img"
  printf 'zap_block 1\n' | debugfs_w "$out/corrupt-bad-magic.img"
  rm -f "$base"
}

# ext3-needs-recovery.img: a copy of the image is changed with debugfs; the blocks that changed
# are then logged into the original's journal as one committed transaction (debugfs jo/jw/jc)
# and never written in place, as if the machine had stopped right after the commit. debugfs
# stamps the commit block with the host's clock: the stamp is set to EPOCH (no checksum covers it
# without journal_checksum).
build_journaled() { # out
  local out=$1 t="$1/trees/journal" img="$1/ext3-needs-recovery.img" after="$1/journal-after.tmp"
  local blocks="$1/journal-blocks.tmp" new="$1/journal-new.tmp" list commit phys b
  rm -rf "$t"
  mkdir -p "$t"
  journal_tree "$t"
  mkfs "$img" ext3 8M vfscope-journal 3c3b9e1a-5a7e-4b5e-9d53-0e0f6ad2b6a1 \
    0d7c6d61-8d6b-4b8f-a3e4-3b0c2f7d9e55 "$t" -b 1024
  normalize "$img" "$t"
  cp "$img" "$after"
  seq -f 'after.txt line %04.0f: written by a transaction still in the journal' 1 400 > "$new"
  journal_changes "$new" | debugfs_w "$after"
  mkdir -p "$out/trees/none"
  normalize "$after" "$out/trees/none" /docs /docs/after.txt /made-in-the-journal
  list=$({ cmp -l "$img" "$after" || true; } | awk '{ b = int(($1 - 1) / 1024); if (b != last) print b; last = b }' | paste -sd,)
  : > "$blocks"
  for b in ${list//,/ }; do dd if="$after" bs=1024 skip="$b" count=1 status=none >> "$blocks"; done
  printf 'jo\njw -b %s %s\njc\n' "$list" "$blocks" | debugfs_w "$img"
  commit=$(debugfs -R logdump "$img" 2>/dev/null | sed -n 's/.*(commit block) at block \([0-9]*\).*/\1/p')
  phys=$(debugfs -R "bmap <8> $commit" "$img" 2>/dev/null)
  # h_commit_sec (be64) and h_commit_nsec (be32) at byte 48 of the commit block
  printf '\x00\x00\x00\x00\x65\x92\x00\x80\x00\x00\x00\x00' |
    dd of="$img" bs=1 seek=$(( phys * 1024 + 48 )) conv=notrunc status=none
  rm -f "$after" "$blocks" "$new"
}

need_build_tools() {
  need mke2fs e2fsprogs e2fsprogs
  need debugfs e2fsprogs e2fsprogs
  need sfdisk fdisk # Linux only
}

sums_of() { # dir: "sha256  name" of every image in dir, in IMAGES order
  local i
  for i in "${IMAGES[@]}"; do (cd "$1" && sha256sum "$i"); done
}

# ---------------------------------------------------------------------------------------------

cmd_build() {
  need_build_tools
  need xz xz-utils xz
  local out="$here/build" i old new
  mkdir -p "$out"
  build_all "$out"
  for i in "${IMAGES[@]}"; do
    new=$(cd "$out" && sha256sum "$i")
    old=$(grep -F "  $i" "$here/SHA256SUMS" 2>/dev/null || true)
    if [ "$new" != "$old" ] || [ ! -f "$here/$i.xz" ]; then
      xz -9 -T1 -c "$out/$i" > "$here/$i.xz.tmp"
      mv "$here/$i.xz.tmp" "$here/$i.xz"
      echo "build.sh: stored images/$i.xz" >&2
    fi
  done
  sums_of "$out" > "$here/SHA256SUMS"
  echo "build.sh: built ${#IMAGES[@]} images in images/build/ (checksums in images/SHA256SUMS)" >&2
}

cmd_check() {
  need_build_tools
  need xz xz-utils xz
  local i want got packed bad=0
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  build_all "$tmp"
  for i in "${IMAGES[@]}"; do
    got=$(sha256sum < "$tmp/$i" | cut -d' ' -f1)
    want=$(grep -F "  $i" "$here/SHA256SUMS" 2>/dev/null | cut -d' ' -f1 || true)
    packed=$( { xz -dc "$here/$i.xz" 2>/dev/null || echo missing; } | sha256sum | cut -d' ' -f1)
    if [ "$got" = "$want" ] && [ "$got" = "$packed" ]; then
      echo "same     $i"
    else
      echo "DIFFERS  $i: rebuilt ${got:0:16}, SHA256SUMS ${want:0:16}, $i.xz ${packed:0:16}"
      bad=1
    fi
  done
  [ $bad -eq 0 ] || { echo "build.sh: the rebuilt images differ from the committed ones" >&2; exit 1; }
}

unpack() { # name: images/NAME.xz -> images/build/NAME, unless already up to date
  local name=$1 src="$here/$1.xz" dst="$here/build/$1"
  [ -f "$src" ] || die "images/$name.xz not found"
  if [ -f "$dst" ] && [ "$dst" -nt "$src" ]; then return 0; fi
  mkdir -p "$here/build"
  xz -dc "$src" > "$dst.tmp.$$" || { rm -f "$dst.tmp.$$"; die "could not decompress images/$name.xz"; }
  mv "$dst.tmp.$$" "$dst"
}

cmd_unpack() {
  need xz xz-utils xz
  local i
  [ $# -gt 0 ] || set -- "${IMAGES[@]}"
  for i in "$@"; do unpack "$i"; done
  if [ -f "$here/SHA256SUMS" ]; then
    for i in "$@"; do grep -F "  $i" "$here/SHA256SUMS"; done | (cd "$here/build" && sha256sum -c --quiet -) ||
      die "an unpacked image does not match images/SHA256SUMS"
  fi
  echo "build.sh: unpacked $* into images/build/" >&2
}

cmd_demo() {
  local img="$here/build/demo-ext4.img"
  if [ -f "$here/demo-ext4.img.xz" ] && command -v xz >/dev/null 2>&1; then
    unpack demo-ext4.img
  elif [ ! -f "$img" ]; then # no .xz or no xz: build it from scratch
    need_build_tools
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    build_demo "$tmp"
    mkdir -p "$here/build"
    mv "$tmp/demo-ext4.img" "$img"
  fi
  ln -sfn build/demo-ext4.img "$here/demo.img"
}

cmd_fsck() {
  need e2fsck e2fsprogs e2fsprogs
  local i rc
  for i in "${IMAGES[@]}"; do
    [ "$i" != gpt-disk.img ] || continue
    [ -f "$here/build/$i" ] || unpack "$i"
    echo "== e2fsck -fn $i"
    rc=0
    (cd "$here/build" && e2fsck -fn "$i") 2>&1 || rc=$?
    echo "== exit code $rc"
  done
}

case ${1:-} in
  "") cmd_build ;;
  --check) cmd_check ;;
  --unpack) shift; cmd_unpack "$@" ;;
  --demo) cmd_demo ;;
  --fsck) cmd_fsck ;;
  -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' ;;
  *) die "unknown option $1 (try --help)" ;;
esac

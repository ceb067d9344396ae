#!/usr/bin/env bash
# Builds the bundled sample images from trees generated here, with the reference tools
# (mke2fs -d), so the tools and not our reader define what is on disk.
#   images/demo.img   ext2, 4 MiB (sparse): a few directories, text files, a symlink, a hard link
# Usage: images/build-images.sh        (needs mke2fs from e2fsprogs)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PATH="$PATH:/sbin:/usr/sbin" # mke2fs lives in sbin, often not on a user's PATH

if ! command -v mke2fs >/dev/null 2>&1; then
  echo "build-images.sh: mke2fs not found, so images/demo.img was not built;" \
       "install e2fsprogs (Debian/Ubuntu: apt-get install e2fsprogs, macOS: brew install e2fsprogs)" >&2
  exit 1
fi

tree="$here/build/demo-tree"
rm -rf "$tree"
mkdir -p "$tree"/{docs,etc,src/lib,data,empty,a/b/c/d}

cat > "$tree/README.txt" <<'TXT'
Welcome to the VFScope demo image.

This is a small ext2 filesystem built by mke2fs from a generated tree. Open files,
follow the symlink in docs/, and watch the dentry cache and page cache fill up.
TXT
printf '# Guide\n\nStart at /README.txt, then look at /data/numbers.txt (many blocks).\n' > "$tree/docs/guide.md"
printf 'Notes\n=====\n- docs/latest is a symlink to guide.md\n- etc/motd and etc/issue are one inode\n' > "$tree/docs/notes.txt"
printf 'vfscope-demo\n' > "$tree/etc/hostname"
printf 'Have a nice day.\n' > "$tree/etc/motd"
cat > "$tree/src/hello.c" <<'C'
#include <stdio.h>

int main(void) {
    puts("hello from the demo image");
    return 0;
}
C
printf 'int add(int a, int b) { return a + b; }\n' > "$tree/src/lib/add.c"
seq 1 20000 > "$tree/data/numbers.txt" # ~106 KiB: needs indirect blocks with 1 KiB blocks
printf 'you found the bottom\n' > "$tree/a/b/c/d/deep.txt"
ln -s guide.md "$tree/docs/latest"
ln "$tree/etc/motd" "$tree/etc/issue"

# Same input, same image: fixed times, UUID and directory hash seed.
find "$tree" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
out="$here/demo.img"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
E2FSPROGS_FAKE_TIME=1704067200 mke2fs -q -F -t ext2 -b 1024 -L vfscope-demo \
  -U 6f1d3c52-0d6e-4a53-9a7e-3c1b0c8e2a10 -E hash_seed=2f0c4b1e-5a39-4c8e-b1d7-8e6f3a2d9c40 \
  -d "$tree" "$tmp" 4M >/dev/null
mv "$tmp" "$out"
echo "build-images.sh: built $out (ext2, 4 MiB)" >&2

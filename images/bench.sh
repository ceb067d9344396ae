#!/usr/bin/env bash
# images/bench.sh: times vfscope's get, ls -R and put against e2fsprogs on the same images, and
# measures vfscope's peak memory on a tree and on one 4x bigger. Everything it makes lives in a
# temporary directory under /tmp, removed at the end; only the results are kept.
#
#   images/bench.sh                     the whole run (about 10 minutes on 2 cores)
#   images/bench.sh --small             a tree 10x smaller, 2 runs, no 4x tree: checks the script
#   images/bench.sh --out DIR           put the results (hyperfine JSON and markdown, summary.md,
#                                       memory.tsv, the log) in DIR; default /tmp/vfscope-bench-results
#
# Environment: BENCH_RUNS (default 5) and BENCH_SLOW_RUNS (default 3: get, put, mke2fs -d) are
# hyperfine's --runs, always after one --warmup run; BENCH_HEAPS (default "default 256m 512m")
# the heaps of the memory runs (default: the launcher's 128 MiB, else an -Xmx value); BENCH_KEEP=1 keeps
# the temporary directory; BENCH_SKIP_4X=1 skips the 4x tree.
#
# What it does:
#  1. builds the launcher if needed (./vfscope --version), then copies app/target/lib into the
#     temporary directory and runs vfscope from that copy (java -cp 'COPY/*' org.vfscope.app.Main
#     with the launcher's JVM options for commands and its AppCDS archive: what ./vfscope execs), so that a rebuild started by someone editing the sources cannot land
#     in the middle of a timing;
#  2. generates a deterministic tree (5,035 regular files, 5,095 names with 60 extra hard links, in
#     304 directories: many small text files, a directory of 1,200 entries, 32 files of 1-16 MiB,
#     4 sparse files of 32 MiB, 150 symlinks, a fifo; 406 MiB on disk, 523 MiB apparent);
#  3. makes an ext4 and an ext2 (4 KiB blocks) image of it with mke2fs -d (1 GiB each);
#  4. hyperfine (--warmup 1, --prepare to clean up) compares
#       get:   vfscope get IMG / OUT           vs  debugfs -R "rdump / OUT" IMG         (ext4, ext2)
#       ls -R: vfscope ls -R [-l|--json] IMG / vs  debugfs -f CMDS IMG, CMDS holding one
#              `ls -l DIR` per directory (debugfs has no recursive ls; the list of directories is
#              made once from the source tree, and is the same set vfscope walks)
#       put:   vfscope put EMPTY.img TREE /    vs  mke2fs -d TREE (the same ext2 image, made whole);
#              EMPTY.img is made by mke2fs in --prepare, so vfscope's time excludes the mkfs that
#              the reference includes: `mke2fs` alone (no -d) is timed too, as a reference point;
#  5. measures the peak RSS (/usr/bin/time -v) of each vfscope command on the tree and on a tree
#     four times bigger (four copies of it), with the launcher's default heap (128 MiB), -Xmx256m and -Xmx512m;
#  6. checks the results: `get` output against debugfs rdump (diff -r, modes, sizes, mtimes, space
#     used), put's image with e2fsck -fn and against the image mke2fs -d made of the same tree;
#  7. prints a summary table (and writes it to summary.md).
#
# Needs e2fsprogs, hyperfine, time (/usr/bin/time), jq; missing ones are installed with apt-get
# when running as root.
set -euo pipefail
export LC_ALL=C TZ=UTC
umask 022

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
PATH="$PATH:/sbin:/usr/sbin"
export MKE2FS_CONFIG="$here/mke2fs.conf" # the same pinned mke2fs settings as build.sh
export DEBUGFS_PAGER=__none__ PAGER=__none__
export E2FSPROGS_FAKE_TIME=1704067200 # mke2fs's "now": lost+found and the root get this time

small=0
out=/tmp/vfscope-bench-results
while [ $# -gt 0 ]; do
  case $1 in
    --small) small=1 ;;
    --out) out=${2:?--out needs a directory}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (try --help)" >&2; exit 1 ;;
  esac
  shift
done
RUNS=${BENCH_RUNS:-5}
SLOW_RUNS=${BENCH_SLOW_RUNS:-3}
SKIP_4X=${BENCH_SKIP_4X:-0}
HEAPS=${BENCH_HEAPS:-default 256m 512m} # JVM heaps for the memory runs: default, or an -Xmx value
if [ $small = 1 ]; then RUNS=2; SLOW_RUNS=2; SKIP_4X=1; fi

die() { echo "bench.sh: $*" >&2; exit 1; }
log() { printf '\n[%s, load %s] %s\n' "$(date +%T)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$*"; }

need() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench.sh: installing $2" >&2
    apt-get install -y -q "$2" >/dev/null || die "could not install $2"
  else
    die "$1 is needed (package $2)"
  fi
}
need mke2fs e2fsprogs
need debugfs e2fsprogs
need e2fsck e2fsprogs
need hyperfine hyperfine
need jq jq
[ -x /usr/bin/time ] || need /usr/bin/time time

work=$(mktemp -d /tmp/vfscope-bench.XXXXXX)
cleanup() { if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench.sh: kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.md "$out"/memory.tsv
exec > >(tee "$out/bench.log") 2>&1

log "vfscope benchmark: work dir $work, results in $out"
echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
echo "tools: $(mke2fs -V 2>&1 | head -1), $(hyperfine --version), $(java -version 2>&1 | head -1)"
echo "source: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')" \
  "($(cd "$root" && git status --porcelain 2>/dev/null | wc -l) paths changed in the working tree)"

# ---------------------------------------------------------------------------------------------
# 1. The launcher, built if needed, and a private copy of the build.
log "building the launcher if needed: ./vfscope --version"
"$root/vfscope" --version
mkdir -p "$work/lib"
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$' || true)
[ -n "$utf8" ] || die "no UTF-8 locale (C.UTF-8 or en_US.UTF-8) installed"
cp -p "$root"/app/target/lib/*.jar "$work/lib/"
cat > "$work/vfscope" <<EOF
#!/usr/bin/env bash
# what ./vfscope execs for a command, on a copy of app/target/lib taken when the benchmark started:
# the launcher's JVM options for commands (keep in step with ./vfscope), its AppCDS archive made
# by the first run (the first smoke run; runs are sequential here); in a UTF-8 locale (the
# script's own LC_ALL=C would make the JVM unable to handle UTF-8 file names)
export LC_ALL=$utf8
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
if [ -s "$work/cli.jsa" ]; then opts+=(-XX:SharedArchiveFile="$work/cli.jsa"); else opts+=(-XX:ArchiveClassesAtExit="$work/cli.jsa"); fi
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "\${opts[@]}" \${JAVA_OPTS:-} -Dvfscope.home="$root" -cp "$work/lib/*" org.vfscope.app.Main "\$@"
EOF
chmod +x "$work/vfscope"
VF="$work/vfscope"

# ---------------------------------------------------------------------------------------------
# 2. The tree. A Park-Miller generator in awk (exact in any awk) decides every name and size.
gen_tree() { # dir small(0|1)
  local t=$1
  mkdir -p "$t"
  awk -v root="$t" -v small="$2" '
    function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
    function q(s) { return "\047" s "\047" }
    function text(path, size,   n, line) { # text lines up to size bytes
      n = 0
      while (n < size) {
        line = sprintf("%s %06d: %s %s %d\n", label[rnd(6)], n, word[rnd(10)], word[rnd(10)], rnd(1000000))
        printf "%s", line > path
        n += length(line)
      }
      close(path)
    }
    BEGIN {
      seed = 20240101
      split("src lib docs test assets conf build data", dn, " ")
      split("alpha beta gamma delta epsilon zeta eta theta iota kappa", w, " ")
      for (i = 0; i < 10; i++) word[i] = w[i + 1]
      split("INFO DEBUG WARN note todo line", l, " ")
      for (i = 0; i < 6; i++) label[i] = l[i + 1]
      ntop = small ? 3 : 12; nsub = 24; nfiles = small ? 380 : 3799; nmail = small ? 120 : 1200
      nbig = small ? 3 : 32; nsparse = small ? 1 : 4; nsym = small ? 15 : 150; nhard = small ? 6 : 60
      # directories: ntop top-level ones, nsub below each, a third of them nested in the previous
      nd = 0
      for (t = 0; t < ntop; t++) {
        top = sprintf("proj%02d", t); dirs[nd++] = top
        for (j = 0; j < nsub; j++) {
          parent = (j > 0 && rnd(3) == 0) ? dirs[nd - 1] : top
          dirs[nd++] = parent "/" dn[rnd(8) + 1] sprintf("%02d", j)
        }
      }
      dirs[nd++] = "mail"; dirs[nd++] = "mail/inbox"; dirs[nd++] = "notes and drafts"
      cmd = "cd " q(root) " && xargs -d \"\\n\" mkdir -p"
      for (i = 0; i < nd; i++) print dirs[i] | cmd
      close(cmd)
      # small text files: 70% up to 4 KiB, 25% up to 64 KiB, 5% up to 1 MiB; 5% are scripts (755)
      nf = 0
      for (i = 0; i < nfiles; i++) {
        d = (i % 97 == 0) ? "notes and drafts" : dirs[rnd(nd - 3)]
        r = rnd(100)
        size = r < 70 ? 100 + rnd(4000) : r < 95 ? 4096 + rnd(61440) : 65536 + rnd(983040)
        ext = r % 5 == 0 ? ".sh" : r % 5 == 1 ? ".md" : r % 5 == 2 ? ".c" : r % 5 == 3 ? ".log" : ".txt"
        name = sprintf("file-%04d%s", i, ext)
        if (i % 500 == 7) name = sprintf("r\303\251sum\303\251 %04d.txt", i) # UTF-8 and a space
        path = root "/" d "/" name
        text(path, size)
        files[nf++] = d "/" name
        if (ext == ".sh" && r < 20) execs = execs " " q(path)
        if (ext == ".log" && r < 20) privs = privs " " q(path)
      }
      if (execs != "") system("chmod 755" execs)
      if (privs != "") system("chmod 600" privs)
      for (i = 0; i < nmail; i++) { # one directory of 1,200 entries (an htree on ext4)
        path = root "/mail/inbox/" sprintf("msg-%05d.eml", i)
        text(path, 200 + rnd(3000))
        files[nf++] = "mail/inbox/" sprintf("msg-%05d.eml", i)
      }
      # big files, 1-16 MiB: slices of one 17 MiB pattern file at different offsets
      pat = root "/.pattern"
      for (n = 0; n < 17 * 1048576; ) {
        line = sprintf("pattern %09d %s %s %s\n", n, word[rnd(10)], word[rnd(10)], word[rnd(10)])
        printf "%s", line > pat; n += length(line)
      }
      close(pat)
      for (i = 0; i < nbig; i++) {
        size = (1 + (i * 7) % 16) * 1048576 + rnd(4096)
        d = dirs[rnd(nd - 3)]
        path = root "/" d "/" sprintf("big-%02d.bin", i)
        system("tail -c +" (1 + rnd(1048576)) " " q(pat) " | head -c " size " > " q(path))
      }
      system("rm -f " q(pat))
      # sparse files: 32 MiB apparent, a few 4 KiB blocks of data
      for (i = 0; i < nsparse; i++) {
        path = root "/" dirs[rnd(nd - 3)] "/" sprintf("disk-%d.img", i)
        system("truncate -s 32M " q(path))
        for (k = 0; k < 3; k++)
          system("printf \"sparse %d block %d\\n\" " i " " k " | dd of=" q(path) " bs=4096 seek=" rnd(8192) " conv=notrunc status=none")
      }
      # symlinks: relative to a file, absolute, dangling, and long ones (slow symlinks)
      for (i = 0; i < nsym; i++) {
        d = dirs[rnd(nd - 3)]; f = files[rnd(nf)]; k = i % 4
        target = k == 0 ? "../" f : k == 1 ? "/" f : k == 2 ? "missing/nowhere-" i : "../../../../" f "/../../../../../some/very/long/path/for/a/slow/symlink"
        system("ln -sfn " q(target) " " q(root "/" d "/" sprintf("link-%03d", i)))
      }
      # hard links: a second name for some small files, in another directory
      for (i = 0; i < nhard; i++)
        system("ln -f " q(root "/" files[rnd(nf)]) " " q(root "/" dirs[rnd(nd - 3)] "/" sprintf("hardlink-%03d", i)))
      system("mkfifo " q(root "/mail/queue.fifo"))
    }'
  find "$t" -exec touch -h -d @1704067200 {} + # every time 2024-01-01 00:00 UTC
}

describe() { # dir
  local t=$1
  printf '%s: %s directories, %s regular files (%s with more than one name), %s symlinks, %s fifo; %s MiB apparent, %s MiB on disk\n' \
    "$(basename "$t")" "$(find "$t" -type d | wc -l)" "$(find "$t" -type f | wc -l)" "$(find "$t" -type f -links +1 | wc -l)" \
    "$(find "$t" -type l | wc -l)" "$(find "$t" -type p | wc -l)" \
    "$(( $(du -s --apparent-size -B1 "$t" | cut -f1) / 1048576 ))" "$(( $(du -s -B1 "$t" | cut -f1) / 1048576 ))"
}

log "generating the tree"
T="$work/tree"
gen_tree "$T" $small
describe "$T"
if [ $small = 1 ]; then SIZE=256M; SIZE4=1G; else SIZE=1G; SIZE4=4G; fi

# ---------------------------------------------------------------------------------------------
# 3. The images.
mkimg() { # type image tree size: what every image here is made with
  mke2fs -q -F -t "$1" -b 4096 -U 6d0d8f4a-3a52-4a63-9a8f-2f6c3c0f0b11 \
    -E hash_seed=1e3f7e4c-8c7b-4a7d-9a65-0c1d5b6e2f10,root_owner=0:0 ${3:+-d "$3"} "$2" "$4" >/dev/null
}
log "making the images with mke2fs -d"
mkimg ext4 "$work/tree.ext4" "$T" $SIZE
mkimg ext2 "$work/tree.ext2" "$T" $SIZE
ls -ls "$work"/tree.ext4 "$work"/tree.ext2
# debugfs's recursive listing: one `ls -l DIR` per directory of the image (the tree's + lost+found)
{ echo 'ls -l "/"'; echo 'ls -l "/lost+found"'
  (cd "$T" && find . -mindepth 1 -type d | sed 's|^\.||' | sort | sed 's|.*|ls -l "&"|'); } > "$work/ls-cmds"
echo "debugfs ls command file: $(wc -l < "$work/ls-cmds") directories"

# ---------------------------------------------------------------------------------------------
# Smoke runs: each vfscope command once, so a failing one is reported and left out of the timings.
declare -A broken=()
smoke() { # name command...
  local name=$1 rc=0; shift
  timeout 1200 "$@" > "$work/smoke.out" 2> "$work/smoke.err" || rc=$?
  if [ $rc -ne 0 ]; then
    broken[$name]=$rc
    echo "FAILED: $name exited with $rc; stderr (first lines):"
    head -5 "$work/smoke.err" | sed 's/^/    /'
  elif [ -s "$work/smoke.err" ]; then
    echo "$name: ok, with $(wc -l < "$work/smoke.err") lines on stderr, e.g. $(head -1 "$work/smoke.err")"
  else
    echo "$name: ok"
  fi
}
log "smoke runs"
smoke "get ext4" "$VF" get "$work/tree.ext4" / "$work/get-ext4"
smoke "get ext2" "$VF" get "$work/tree.ext2" / "$work/get-ext2"
smoke "ls -R" "$VF" ls -R "$work/tree.ext4" /
smoke "ls -R -l" "$VF" ls -R -l "$work/tree.ext4" /
smoke "ls -R --json" "$VF" ls -R --json "$work/tree.ext4" /
cp "$work/smoke.out" "$work/ls.json"
mkimg ext2 "$work/put.img" "" $SIZE
smoke "put ext2" "$VF" put "$work/put.img" "$T" /

# ---------------------------------------------------------------------------------------------
# 4. Timings.
hf() { # name runs hyperfine-arguments...: one comparison, exported as name.json and name.md
  local name=$1 runs=$2; shift 2
  log "hyperfine: $name"
  hyperfine -N --style basic --warmup 1 --runs "$runs" --export-json "$out/$name.json" \
    --export-markdown "$out/$name.md" "$@" || echo "bench.sh: hyperfine $name failed (exit $?)"
}
# hyperfine -N runs each command without a shell; commands that need one are wrapped in bash -c
ok() { [ -z "${broken[$1]:-}" ]; }

hf startup "$RUNS" -n "vfscope --version (JVM start)" "$VF --version"

for fs in ext4 ext2; do
  img="$work/tree.$fs" o="$work/out"
  args=(--prepare "rm -rf $o" -n "debugfs rdump ($fs)" "bash -c 'mkdir $o && debugfs -R \"rdump / $o\" $img'")
  ok "get $fs" && args=(--prepare "rm -rf $o" -n "vfscope get ($fs)" "$VF get $img / $o" "${args[@]}")
  hf "get-$fs" "$SLOW_RUNS" "${args[@]}"
done
rm -rf "$work/out"

args=()
ok "ls -R" && args+=(-n "vfscope ls -R" "$VF ls -R $work/tree.ext4 /")
ok "ls -R -l" && args+=(-n "vfscope ls -R -l" "$VF ls -R -l $work/tree.ext4 /")
ok "ls -R --json" && args+=(-n "vfscope ls -R --json" "$VF ls -R --json $work/tree.ext4 /")
hf ls-ext4 "$RUNS" "${args[@]}" -n "debugfs ls -l per directory" "debugfs -f $work/ls-cmds $work/tree.ext4"

p="$work/put.img" r="$work/ref.img"
args=()
ok "put ext2" && args+=(--prepare "bash -c 'rm -f $p && mke2fs -q -F -t ext2 -b 4096 $p $SIZE'"
  -n "vfscope put (ext2)" "$VF put $p $T /")
hf put-ext2 "$SLOW_RUNS" "${args[@]}" \
  --prepare "rm -f $r" -n "mke2fs -d (ext2)" "mke2fs -q -F -t ext2 -b 4096 -d $T $r $SIZE" \
  --prepare "rm -f $r" -n "mke2fs, empty (ext2)" "mke2fs -q -F -t ext2 -b 4096 $r $SIZE"
# put.img is now the image of the last timed `vfscope put`; ref.img is remade with -d for the checks
if ok "put ext2"; then :; else mkimg ext2 "$p" "" $SIZE; fi
mkimg ext2 "$r" "$T" $SIZE

# ---------------------------------------------------------------------------------------------
# 5. Peak memory: /usr/bin/time -v's "Maximum resident set size", one run each.
printf 'tree\theap\tcommand\tstatus\tseconds\tmax_rss_kib\n' > "$out/memory.tsv"
mem() { # tree heap name command...
  local tree=$1 heap=$2 name=$3 rc=0 f="$work/time.txt"; shift 3
  JAVA_OPTS=$([ "$heap" = default ] || echo "-Xmx$heap") /usr/bin/time -v -o "$f" "$@" \
    > /dev/null 2> "$work/mem.err" || rc=$?
  local rss secs
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$f"); rss=${rss:-0}
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$f")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tree" "$heap" "$name" "$rc" "$secs" "$rss" >> "$out/memory.tsv"
  printf '  %-6s heap %-8s %-22s exit %-3s %8s s  max RSS %6d MiB\n' "$tree" "$heap" "$name" "$rc" "$secs" $((rss / 1024))
  if [ $rc -ne 0 ]; then
    grep -v '^\s*at ' "$work/mem.err" | head -3 | sed 's/^/      /'
    cp "$work/mem.err" "$out/mem-$tree-$heap-${name// /_}.err"
  fi
}
mem_set() { # label tree img4 img2 size
  local label=$1 tree=$2 img4=$3 img2=$4 size=$5 heap
  for heap in $HEAPS; do
    rm -rf "$work/out"
    mem "$label" $heap "get (ext4)" "$VF" get "$img4" / "$work/out"
    rm -rf "$work/out"
    mem "$label" $heap "ls -R" "$VF" ls -R "$img4" /
    mem "$label" $heap "ls -R --json" "$VF" ls -R --json "$img4" /
    rm -f "$work/mem-put.img"; mkimg ext2 "$work/mem-put.img" "" "$size"
    mem "$label" $heap "put (ext2)" "$VF" put "$work/mem-put.img" "$tree" /
    rm -f "$work/mem-put.img"
  done
  rm -rf "$work/out"; mkdir "$work/out"
  mem "$label" - "debugfs rdump (ext4)" debugfs -R "rdump / $work/out" "$img4"
  rm -rf "$work/out"
  mem "$label" - "debugfs ls -l per dir" debugfs -f "$work/ls-cmds" "$img4"
  rm -f "$work/mem-put.img"
  mem "$label" - "mke2fs -d (ext2)" mke2fs -q -F -t ext2 -b 4096 -d "$tree" "$work/mem-put.img" "$size"
  rm -f "$work/mem-put.img"
}
log "peak memory, tree x1"
mem_set x1 "$T" "$work/tree.ext4" "$work/tree.ext2" $SIZE
if [ "$SKIP_4X" != 1 ]; then
  log "peak memory, tree x4 (four copies of the tree, one image of $SIZE4)"
  T4="$work/tree4"
  mkdir -p "$T4"
  for i in 1 2 3 4; do cp -a "$T" "$T4/copy$i"; done
  touch -h -d @1704067200 "$T4"
  describe "$T4"
  mkimg ext4 "$work/tree4.ext4" "$T4" $SIZE4
  # the ls-cmds file lists the x1 directories: build one for x4
  { echo 'ls -l "/"'; echo 'ls -l "/lost+found"'
    (cd "$T4" && find . -mindepth 1 -type d | sed 's|^\.||' | sort | sed 's|.*|ls -l "&"|'); } > "$work/ls-cmds4"
  cp "$work/ls-cmds" "$work/ls-cmds1"; cp "$work/ls-cmds4" "$work/ls-cmds"
  mem_set x4 "$T4" "$work/tree4.ext4" "" $SIZE4
  cp "$work/ls-cmds1" "$work/ls-cmds"
  rm -rf "$T4" "$work/tree4.ext4"
fi

# ---------------------------------------------------------------------------------------------
# 6. Correctness.
log "checks"
check() { # description result: prints and remembers
  printf '  %-70s %s\n' "$1" "$2"
  printf '| %s | %s |\n' "$1" "$2" >> "$work/checks.md"
}
: > "$work/checks.md"
meta() { # dir: one line per entry but lost+found and fifos: path type mode size mtime [target]
  (cd "$1" && find . -mindepth 1 ! -path ./lost+found ! -type p -printf '%P %y %m %s %T@ %l\n' | sort)
}
for fs in ext4 ext2; do
  rm -rf "$work/rdump"; mkdir "$work/rdump"
  debugfs -R "rdump / $work/rdump" "$work/tree.$fs" 2>/dev/null
  if ok "get $fs"; then
    if diff -r --no-dereference "$work/get-$fs" "$work/rdump" > "$work/diff.txt" 2>&1; then
      check "get ($fs): diff -r against debugfs rdump" "identical"
    else
      check "get ($fs): diff -r against debugfs rdump" "DIFFERS ($(wc -l < "$work/diff.txt") lines, e.g. $(head -1 "$work/diff.txt"))"
      cp "$work/diff.txt" "$out/get-$fs-vs-rdump.diff"
    fi
    if diff <(meta "$T") <(meta "$work/get-$fs") > "$work/diff.txt"; then
      check "get ($fs): type, mode, size, mtime, symlink target vs the source tree" "identical"
    else
      check "get ($fs): type, mode, size, mtime, symlink target vs the source tree" \
        "$(grep -c '^<' "$work/diff.txt") entries differ: $(grep '^[<>]' "$work/diff.txt" | head -2 | tr '\n' ' ')"
      cp "$work/diff.txt" "$out/get-$fs-vs-tree.meta.diff"
    fi
    diff <(meta "$T") <(meta "$work/rdump") > "$work/diff.txt" || true
    check "(reference) debugfs rdump ($fs): entries whose metadata differ from the source" \
      "$(grep -c '^<' "$work/diff.txt") ($(grep '^<' "$work/diff.txt" | awk '{print $3}' | sort | uniq -c | awk '{printf "%s of type %s ", $1, $2}'))"
    if diff -r --no-dereference "$T" "$work/get-$fs" > "$work/diff.txt" 2>&1; then
      check "get ($fs): diff -r against the source tree" "identical"
    else
      check "get ($fs): diff -r against the source tree" "$(wc -l < "$work/diff.txt") difference(s): $(grep -v lost+found "$work/diff.txt" | head -2 | tr '\n' ' ')"
    fi
    check "get ($fs): space used (du -s), source tree $(du -sm "$T" | cut -f1) MiB" \
      "vfscope get $(du -sm "$work/get-$fs" | cut -f1) MiB, debugfs rdump $(du -sm "$work/rdump" | cut -f1) MiB"
    check "get ($fs): files with several names (source $(find "$T" -type f -links +1 | wc -l))" \
      "vfscope get $(find "$work/get-$fs" -type f -links +1 | wc -l), debugfs rdump $(find "$work/rdump" -type f -links +1 | wc -l)"
  fi
done
rm -rf "$work/rdump" "$work"/get-ext4 "$work"/get-ext2
if ok "ls -R --json"; then
  check "ls -R --json: entries (find: $(( $(find "$T" -mindepth 1 | wc -l) + 1 )) incl. lost+found)" \
    "$(jq length "$work/ls.json") entries, $(jq '[.[] | select(.nlink > 1 and .type == "file")] | length' "$work/ls.json") files with nlink > 1"
fi
if ok "put ext2"; then
  rc=0; e2fsck -fn "$p" > "$work/fsck.txt" 2>&1 || rc=$?
  check "put (ext2): e2fsck -fn exit status" "$rc ($(tail -1 "$work/fsck.txt"))"
  [ $rc -eq 0 ] || cp "$work/fsck.txt" "$out/put-e2fsck.txt"
  rc=0; e2fsck -fn "$r" > "$work/fsck.txt" 2>&1 || rc=$?
  check "mke2fs -d (ext2) of the same tree: e2fsck -fn" "$rc ($(tail -1 "$work/fsck.txt"))"
  rm -rf "$work/rdump"; mkdir "$work/rdump"
  debugfs -R "rdump / $work/rdump" "$p" 2>/dev/null
  if diff -r --no-dereference "$T" "$work/rdump" > "$work/diff.txt" 2>&1; then
    check "put (ext2): debugfs rdump of it, diff -r against the source tree" "identical"
  else
    check "put (ext2): debugfs rdump of it, diff -r against the source tree" "$(wc -l < "$work/diff.txt") difference(s): $(head -2 "$work/diff.txt" | tr '\n' ' ')"
    cp "$work/diff.txt" "$out/put-vs-tree.diff"
  fi
  rm -rf "$work/rdump"
  # every inode's metadata, as vfscope reads it, in the put image and in mke2fs -d's
  proj='[.[] | [.path, .type, .mode, .size, .nlink, .uid, .gid, .mtime, (.target // "")] | map(tostring) | join(" ")] | sort | .[]'
  if "$VF" ls -R --json "$p" / | jq -r "$proj" > "$work/put.meta" &&
     "$VF" ls -R --json "$r" / | jq -r "$proj" > "$work/ref.meta" &&
     diff "$work/ref.meta" "$work/put.meta" > "$work/diff.txt"; then
    check "put vs mke2fs -d: path, type, mode, size, nlink, uid, gid, mtime, target" "identical"
  else
    check "put vs mke2fs -d: path, type, mode, size, nlink, uid, gid, mtime, target" "DIFFERS ($(grep -c '^>' "$work/diff.txt") lines)"
    cp "$work/diff.txt" "$out/put-vs-mke2fs.meta.diff"
  fi
  blocks() { debugfs -R stats "$1" 2>/dev/null | sed -n 's/^Free blocks: *//p'; }
  check "free blocks after put / after mke2fs -d" "$(blocks "$p") / $(blocks "$r")"
fi

# vfscope in the C locale (LC_ALL=C, as in many containers and cron jobs): the JVM then encodes
# file names in ASCII. Checked with the tree's UTF-8 names.
utf8name=$(cd "$T" && find . -name 'r*sum* *.txt' | head -1)
rm -rf "$work/out"; rc=0
LC_ALL=C java -cp "$work/lib/*" org.vfscope.app.Main get "$work/tree.ext4" / "$work/out" 2>/dev/null || rc=$?
check "C locale: get of the ext4 image" "exit $rc, $(find "$work/out" -mindepth 1 2>/dev/null | wc -l) of $(find "$T" -mindepth 1 ! -type p | wc -l) entries exported"
rm -rf "$work/out"; rm -f "$work/loc.img"; mkimg ext2 "$work/loc.img" "" 16M; rc=0
mkdir "$work/loc"; cp -p "$T/$utf8name" "$work/loc/"
LC_ALL=C java -cp "$work/lib/*" org.vfscope.app.Main put "$work/loc.img" "$work/loc" / 2>/dev/null || rc=$?
check "C locale: put of '${utf8name##*/}' (bytes $(printf %s "${utf8name##*/}" | od -An -tx1 | tr -d ' \n'))" \
  "exit $rc, name in the image: $(debugfs -R 'ls -p /' "$work/loc.img" 2>/dev/null | grep -a sum | cut -d/ -f6 | tr -d '\n' | od -An -tx1 | tr -d ' \n')"
rm -rf "$work/loc.img" "$work/loc"

# ---------------------------------------------------------------------------------------------
# 7. Summary.
{
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
  echo
  echo "| command | mean ± stddev (s) | runs | vs e2fsprogs | peak RSS (MiB), default heap |"
  echo "|---|---|---|---|---|"
  for f in startup get-ext4 get-ext2 ls-ext4 put-ext2; do
    [ -f "$out/$f.json" ] || continue
    jq -r '
      (.results | map(select(.command | test("^(debugfs|mke2fs -d)"))) | .[0].mean) as $ref
      | .results[] | [.command, "\(.mean * 1000 | round / 1000) ± \(.stddev * 1000 | round / 1000)",
          (.times | length | tostring),
          (if $ref == null or (.command | test("^(debugfs|mke2fs)")) then "" else "\(.mean / $ref * 100 | round / 100)x" end)]
      | @tsv' "$out/$f.json"
  done | while IFS=$'\t' read -r name stats n ratio; do
    key=$(sed 's/^vfscope //; s/^debugfs ls -l per directory$/debugfs ls -l per dir/' <<<"$name")
    rss() { awk -F'\t' -v t="$1" -v h="$2" -v c="$key" '$1 == t && $2 == h && $3 == c { printf "%d%s", $6 / 1024, ($4 == 0 ? "" : " (exit " $4 ")") }' "$out/memory.tsv"; }
    heap=default; case $name in debugfs*|mke2fs*) heap=-;; esac
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$stats" "$n" "${ratio:-}" "$(rss x1 $heap)"
  done
  echo
  echo "Peak RSS in MiB (/usr/bin/time -v), one run each; x4 is four copies of the tree in one image:"
  echo
  awk -F'\t' 'NR > 1 { col = $1 ($2 == "-" ? "" : ", heap " $2); if (!(col in seen)) { seen[col] = 1; cols[++nc] = col }
                        if (!($3 in seenr)) { seenr[$3] = 1; rows[++nr] = $3 }
                        v[$3, col] = int($6 / 1024) ($4 == 0 ? "" : " (exit " $4 ")") " in " $5 " s" }
    END { printf "| command |"; for (c = 1; c <= nc; c++) printf " %s |", cols[c]; printf "\n|---|"
          for (c = 1; c <= nc; c++) printf "---|"; printf "\n"
          for (r = 1; r <= nr; r++) { printf "| %s |", rows[r]; for (c = 1; c <= nc; c++) printf " %s |", v[rows[r], cols[c]]; printf "\n" } }' \
    "$out/memory.tsv"
  echo
  echo "| check | result |"
  echo "|---|---|"
  cat "$work/checks.md"
  if [ ${#broken[@]} -gt 0 ]; then
    echo
    for k in "${!broken[@]}"; do echo "- FAILED: vfscope $k (exit ${broken[$k]}), left out of the timings"; done
  fi
} > "$out/summary.md"
log "summary (also in $out/summary.md)"
cat "$out/summary.md"

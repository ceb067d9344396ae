#!/usr/bin/env python3
"""Fragmentation and speed of `vfscope put` into ext4 against `mke2fs -t ext4 -d`, on one tree.

    images/ext4_extents.py [--size 1G] [--runs 3] [--keep]

Generates a deterministic tree (small text-like files, a 1,200-entry directory, files of 1-32 MiB,
a sparse file), makes one ext4 image of it with mke2fs -d and one by `vfscope put` into an empty
image from mke2fs -t ext4, checks both with e2fsck -fn, then counts the extents of every regular
file with `debugfs -R "ex FILE"` (leaf extents) and prints the totals, the files where the two
differ, and the best-of-N wall times. Everything lives in a temporary directory.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VFSCOPE = os.path.join(os.path.dirname(HERE), "vfscope")
EX_LINE = re.compile(r"^ *(\d+)/ *(\d+) +\d+/ *\d+ +\d+ *- *\d+ +\d+ *- *\d+ +\d+", re.M)


def make_tree(root):
    rnd = random.Random(4)
    os.makedirs(root)
    for d in range(40):
        sub = os.path.join(root, "dir%02d" % d, "nested")
        os.makedirs(sub)
        for f in range(25):
            size = rnd.choice([0, 10, 700, 3000, 9000, 20000, 70000])
            with open(os.path.join(sub if f % 2 else os.path.dirname(sub), "f%03d.txt" % f), "wb") as out:
                out.write(rnd.randbytes(size))
    big = os.path.join(root, "bigdir")
    os.makedirs(big)
    for i in range(1200):
        with open(os.path.join(big, "entry-with-a-longer-name-%04d" % i), "wb") as out:
            out.write(rnd.randbytes(rnd.randrange(0, 5000)))
    media = os.path.join(root, "media")
    os.makedirs(media)
    for i in range(24):
        with open(os.path.join(media, "blob%02d.bin" % i), "wb") as out:
            out.write(rnd.randbytes(rnd.randrange(1 << 20, 32 << 20)))
    with open(os.path.join(root, "sparse.img"), "wb") as out:
        for off in (0, 5 << 20, 40 << 20):
            out.seek(off)
            out.write(rnd.randbytes(300000))


def run(cmd, ok=(0,)):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode not in ok:
        sys.exit("%s exited %d:\n%s" % (" ".join(cmd), r.returncode, r.stdout[-3000:]))
    return r.stdout


def extents(img, files, tmp):
    cmds = os.path.join(tmp, "ex.cmds")
    with open(cmds, "w") as out:
        for f in files:
            out.write('ex "%s"\n' % f)
    text = run(["debugfs", "-f", cmds, img])
    counts = {}
    for chunk in text.split("debugfs: ex ")[1:]:
        name = chunk.split("\n", 1)[0].strip().strip('"')
        counts[name] = sum(1 for m in EX_LINE.finditer(chunk) if m.group(1) == m.group(2))
    return counts


def best(runs, fn):
    times = []
    for _ in range(runs):
        t = time.monotonic()
        fn()
        times.append(time.monotonic() - t)
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1G")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="ext4-extents-")
    try:
        tree = os.path.join(tmp, "tree")
        make_tree(tree)
        ref = os.path.join(tmp, "ref.img")
        ours = os.path.join(tmp, "ours.img")
        run([VFSCOPE, "--version"])

        def mke2fs_d():
            if os.path.exists(ref):
                os.remove(ref)
            run(["mke2fs", "-q", "-F", "-t", "ext4", "-d", tree, ref, args.size])

        def put():
            if os.path.exists(ours):
                os.remove(ours)
            run(["mke2fs", "-q", "-F", "-t", "ext4", ours, args.size])
            t = time.monotonic()
            run([VFSCOPE, "put", ours, tree, "/"])
            return time.monotonic() - t

        t_ref = best(args.runs, mke2fs_d)
        t_put = min(put() for _ in range(args.runs))
        for img in (ref, ours):
            run(["e2fsck", "-fn", img])
        files = []
        for dirpath, _, names in os.walk(tree):
            for n in names:
                files.append("/" + os.path.relpath(os.path.join(dirpath, n), tree))
        a = extents(ref, files, tmp)
        b = extents(ours, files, tmp)
        worse = [(f, a[f], b[f]) for f in files if b.get(f, 0) > a.get(f, 0)]
        better = [(f, a[f], b[f]) for f in files if b.get(f, 0) < a.get(f, 0)]
        print("files: %d" % len(files))
        print("extents, mke2fs -d: %d   vfscope put: %d" % (sum(a.values()), sum(b.values())))
        print("files with more extents under put: %d, with fewer: %d" % (len(worse), len(better)))
        for f, x, y in sorted(worse, key=lambda t: t[2] - t[1], reverse=True)[:10]:
            print("  more: %s  mke2fs -d %d, put %d" % (f, x, y))
        for f, x, y in sorted(better, key=lambda t: t[1] - t[2], reverse=True)[:5]:
            print("  fewer: %s  mke2fs -d %d, put %d" % (f, x, y))
        print("best of %d: mke2fs -d %.2f s (mkfs included), vfscope put %.2f s (into an empty image), ratio %.2f"
              % (args.runs, t_ref, t_put, t_put / t_ref))
    finally:
        if args.keep:
            print("kept", tmp)
        else:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

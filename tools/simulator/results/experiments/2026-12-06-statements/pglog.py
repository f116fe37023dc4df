import sys, re, collections, glob
# usage: pglog.py DIR FROM TO  (timestamps 'HH:MM:SS')
d, t0, t1 = sys.argv[1], sys.argv[2], sys.argv[3]
pre = re.compile(r'^(\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)\.\d+ UTC)()()()(LOG|ERROR|WARNING|DETAIL|STATEMENT|HINT|CONTEXT|FATAL):\s+(.*)$')
stats = collections.defaultdict(lambda: [0, 0.0])
phase = collections.defaultdict(lambda: [0, 0.0])
apps = collections.defaultdict(lambda: [0, 0.0])
cur = None
def flush():
    global cur
    if cur is None: return
    ts, app, kind, dur, sql = cur
    cur = None
    if not (t0 <= ts <= t1): return
    sql = re.sub(r'\s+', ' ', sql).strip()
    sql = re.sub(r"'[^']*'", "'?'", sql)
    sql = re.sub(r'\b\d+\b', 'N', sql)
    key = sql[:600]
    phase[kind][0] += 1; phase[kind][1] += dur
    if kind == 'execute' or kind == 'statement':
        stats[key][0] += 1; stats[key][1] += dur
        apps[app][0] += 1; apps[app][1] += dur
    else:
        stats['['+kind+'] '+key][0] += 1; stats['['+kind+'] '+key][1] += dur
for f in sorted(glob.glob(d + '/*.log')):
    for line in open(f, errors='replace'):
        m = pre.match(line)
        if m:
            flush()
            ts, pid, app, xid, lvl, msg = m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)
            mm = re.match(r'duration: ([\d.]+) ms\s+(parse|bind|execute|statement)( [^:]*)?: (.*)', msg)
            if mm:
                cur = [ts, app, mm.group(2), float(mm.group(1)), mm.group(4)]
        elif cur is not None and not line.startswith('\t') :
            cur[4] += ' ' + line.strip()
        elif cur is not None and line.startswith('\t'):
            cur[4] += ' ' + line.strip()
flush()
print('phases:', {k: (v[0], round(v[1])) for k, v in phase.items()})
print('apps:', {k: (v[0], round(v[1])) for k, v in apps.items()})
tot = sum(v[1] for v in stats.values())
print('total ms', round(tot))
for k, v in sorted(stats.items(), key=lambda kv: -kv[1][1])[:400]:
    print(f'{v[0]:7d} {v[1]:9.0f} {100*v[1]/tot:5.1f}%  {k}')

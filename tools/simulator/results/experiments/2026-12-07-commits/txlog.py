import sys, re, collections, glob
# usage: txlog.py LOGDIR  -> transactions per second and classification in the busiest 40 s window
d = sys.argv[1]
pre = re.compile(r'^\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)\.\d+ UTC:(\d+):([^:]*):(\d+):(LOG|ERROR|WARNING|DETAIL|STATEMENT|HINT|CONTEXT|FATAL):\s+(.*)$')
open_tx = {}   # pid -> [ts, user, [keys]]
txs = []       # (ts, user, tuple(keys))
def fold(sql):
    sql = re.sub(r'\s+', ' ', sql).strip()
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r'\$\d+', '?', sql)
    sql = re.sub(r'\b\d+\b', 'N', sql)
    return sql[:110]
cur = None
def flush():
    global cur
    if cur is None: return
    ts, pid, user, sql = cur; cur = None
    k = fold(sql); up = k.upper()
    if up in ('BEGIN', 'START TRANSACTION') or up.startswith('BEGIN'):
        open_tx[pid] = [ts, user, []]; return
    if up in ('COMMIT', 'ROLLBACK', 'END'):
        t = open_tx.pop(pid, None)
        if t: txs.append((t[0], t[1], tuple(t[2]), up))
        return
    if pid in open_tx: open_tx[pid][2].append(k)
    else: txs.append((ts, user, (k,), 'AUTO'))
for f in sorted(glob.glob(d + '/*.log')):
    for line in open(f, errors='replace'):
        m = pre.match(line)
        if m:
            flush()
            ts, pid, user, xid, lvl, msg = m.groups()
            mm = re.match(r'duration: ([\d.]+) ms\s+(execute|statement)( [^:]*)?: (.*)', msg)
            if mm: cur = [ts, pid, user, mm.group(4)]
        elif cur is not None:
            cur[3] += ' ' + line.strip()
flush()
persec = collections.Counter(t[0] for t in txs)
secs = sorted(persec)
# busiest 40 s window
best = max(range(len(secs)-40), key=lambda i: sum(persec[s] for s in secs[i:i+40]))
win = set(secs[best+5:best+45])
print('window', secs[best+5], secs[best+44])
w = [t for t in txs if t[0] in win]
print('transactions', len(w), 'per s', len(w)/40)
cls = collections.Counter()
for ts, user, keys, end in w:
    first = keys[0] if keys else '(empty)'
    cls[(user, end, first, len(keys))] += 1
byuser = collections.Counter(t[1] for t in w)
print('by user', byuser)
for k, v in cls.most_common(60):
    print(f'{v:6d} {v/40:6.2f}/s  {k[0]:12s} {k[1]:8s} n={k[3]:<4d} {k[2]}')
if len(sys.argv) > 2:
    want = sys.argv[2]
    seen = collections.Counter()
    for ts, user, keys, end in w:
        if keys and keys[0].startswith(want) and seen[len(keys)] < 1:
            seen[len(keys)] += 1
            print('----', len(keys))
            for k in keys: print('   ', k)

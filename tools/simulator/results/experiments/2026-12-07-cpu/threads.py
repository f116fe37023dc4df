import os, time, sys, collections, re
# snapshot per-thread CPU of service JVMs at two moments (seconds after start), print the diff grouped by thread name
a, b = float(sys.argv[1]), float(sys.argv[2]); start = time.time()
def snap():
    res = {}
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try: cmd = open(f'/proc/{p}/cmdline','rb').read().decode(errors='replace')
        except Exception: continue
        m = re.search(r'services/([a-z-]+)/target', cmd)
        if not m: continue
        svc = m.group(1)
        for t in os.listdir(f'/proc/{p}/task'):
            try:
                s = open(f'/proc/{p}/task/{t}/stat').read()
                name = s[s.index('(')+1:s.rindex(')')]; parts = s[s.rindex(')')+2:].split()
                res[(svc, t, name)] = (int(parts[11]), int(parts[12]))
            except Exception: pass
    return res
while time.time() - start < a: time.sleep(0.2)
s1 = snap()
while time.time() - start < b: time.sleep(0.2)
s2 = snap()
hz = os.sysconf('SC_CLK_TCK'); dur = b - a
agg = collections.defaultdict(lambda: [0, 0])
for k, (u, s) in s2.items():
    u0, sy0 = s1.get(k, (0, 0))
    name = re.sub(r'[-#]?\d+$', '', k[2])
    agg[(k[0], name)][0] += (u - u0) * 1000 / hz / dur; agg[(k[0], name)][1] += (s - sy0) * 1000 / hz / dur
for svc in sorted({k[0] for k in agg}):
    tot = sum(v[0] + v[1] for k, v in agg.items() if k[0] == svc)
    print(f'== {svc} {tot:.0f} ms/s')
    for k, v in sorted(((k, v) for k, v in agg.items() if k[0] == svc), key=lambda kv: -(kv[1][0] + kv[1][1]))[:14]:
        print(f'   {v[0]+v[1]:6.1f} ms/s (user {v[0]:.1f} sys {v[1]:.1f})  {k[1]}')

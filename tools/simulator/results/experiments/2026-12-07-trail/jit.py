import os, time, sys, re, collections
# every second: CPU (core-ms) of each JVM's compiler, GC and other threads; "epoch proc cat ms"
out = open(sys.argv[1], 'w'); hz = os.sysconf('SC_CLK_TCK'); dur = float(sys.argv[2])
def proc(pid):
    try: cmd = open(f'/proc/{pid}/cmdline','rb').read().replace(b'\0', b' ').decode(errors='replace')
    except Exception: return None
    if not cmd.startswith('/') and not cmd.startswith('java'): return None
    if 'java' not in cmd.split(' ')[0]: return None
    if 'kafka.Kafka' in cmd or 'KafkaBroker' in cmd or 'kafka_2' in cmd: return 'kafka'
    for k in ('grid-intake','report-in','escalation','gridloop-simulator'):
        if k in cmd: return k
    return 'java-other:' + cmd[:80]
    return 'java-other'
def cat(name):
    if 'Compiler' in name: return 'jit'
    if 'GC' in name or name.startswith('G1') or name == 'VM Thread': return 'gc'
    return 'work'
def snap():
    r = collections.defaultdict(int)
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        g = proc(p)
        if not g: continue
        try: tasks = os.listdir(f'/proc/{p}/task')
        except Exception: continue
        for t in tasks:
            try:
                s = open(f'/proc/{p}/task/{t}/stat').read()
                name = s[s.index('(')+1:s.rindex(')')]; parts = s[s.rindex(')')+2:].split()
                r[(g, cat(name), t)] = int(parts[11]) + int(parts[12])
            except Exception: pass
    return r
prev = snap(); start = time.time()
while time.time() - start < dur:
    time.sleep(1); cur = snap(); agg = collections.defaultdict(int)
    for k, v in cur.items(): agg[(k[0], k[1])] += v - prev.get(k, v if False else 0) if k in prev else 0
    for (g, c), v in sorted(agg.items()):
        if v: out.write(f'{time.time():.0f} {g} {c} {v*1000//hz}\n')
    out.flush(); prev = cur

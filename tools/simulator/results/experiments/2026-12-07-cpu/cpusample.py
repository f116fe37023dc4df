import os, time, sys, collections
# per second: CPU (core-ms) by process group; writes lines "epoch group ms"
out = open(sys.argv[1], 'w'); hz = os.sysconf('SC_CLK_TCK')
def group(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
    except Exception: return None
    if 'grid-intake' in cmd: return 'grid-intake'
    if 'report-in' in cmd: return 'report-in'
    if 'escalation/target' in cmd: return 'escalation'
    if cmd.startswith('postgres:'):
        import re
        t = re.sub(r'\(\d+\)', '', cmd[9:]).strip()
        t = re.sub(r'\s+(idle|SELECT|UPDATE|INSERT|DELETE|COMMIT|BEGIN|idle in transaction|authentication|startup|START_REPLICATION|streaming.*)$', '', t)
        return 'pg:' + t
    if 'postgres' in cmd: return 'postgres'
    if 'kafka' in cmd.lower() or 'KafkaBroker' in cmd: return 'kafka'
    if 'simulator' in cmd: return 'simulator'
    return 'other'
prev = {}
tot_prev = None
while True:
    cur = {}
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try:
            f = open(f'/proc/{p}/stat').read(); parts = f[f.rindex(')')+2:].split()
            cur[p] = (int(parts[11]) + int(parts[12]))
        except Exception: pass
    agg = collections.Counter()
    for p, t in cur.items():
        if p in prev:
            g = group(p)
            if g: agg[g] += (t - prev[p]) * 1000 / hz
    line = open('/proc/stat').readline().split()[1:]; tot = sum(int(x) for x in line[:8]); idle = int(line[3]) + int(line[4])
    if tot_prev:
        busy = ((tot - tot_prev[0]) - (idle - tot_prev[1])) * 1000 / hz
        out.write(f"{time.time():.0f} busy {busy:.0f} " + ' '.join(f'{k}={v:.0f}' for k, v in sorted(agg.items())) + '\n'); out.flush()
    tot_prev = (tot, idle); prev = cur
    time.sleep(1)

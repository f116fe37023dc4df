import re,sys,collections
# perloop.py statements.txt loops -> statements per closed loop by part
loops=float(sys.argv[2])
c=collections.Counter(); t=collections.Counter(); total=0; total_ms=0
for line in open(sys.argv[1]):
    m=re.match(r'\s*(\d+)\s+(\d+)\s+[\d.]+%\s+(.*)',line)
    if not m or m.group(3).startswith('['): continue
    n,ms,sql=int(m.group(1)),int(m.group(2)),m.group(3)
    total+=n; total_ms+=ms
    sch=re.search(r'\b(grid_intake_engine|report_in_engine|escalation_engine|grid_intake|report_in|escalation)\.(\w+)',sql)
    if sql.startswith('COMMIT') or sql.startswith('BEGIN'): key='BEGIN / COMMIT'
    elif sch:
        s,tb=sch.group(1),sch.group(2).lower()
        if s.endswith('_engine'): key=s+(' history' if tb.startswith('act_hi') else ' runtime')
        elif tb in ('outbox','inbox','parked_event'): key='outboxes, inboxes, parked events'
        else: key=s
    else: key='other (queries without a schema name, advisory locks, …)'
    c[key]+=n; t[key]+=ms
print(f'| part | statements per closed loop | statement time per closed loop (ms, incl. lock and commit waits) |')
print('|---|---|---|')
for k,v in c.most_common(): print(f'| {k} | {v/loops:.1f} | {t[k]/loops:.2f} |')
print(f'| **all** | **{total/loops:.1f}** | **{total_ms/loops:.2f}** |')

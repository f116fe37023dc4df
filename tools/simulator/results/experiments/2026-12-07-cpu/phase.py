import sys, json, collections, subprocess, re
f = sys.argv[1]
out = subprocess.run(['jfr', 'print', '--json', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', f], capture_output=True, text=True).stdout
ev = json.loads(out)['recording']['events']
ep = collections.Counter(); phase = collections.Counter(); n = 0
rules = [('camunda-dmn', 'org.camunda.bpm.dmn'), ('camunda-history', 'org.camunda.bpm.engine.impl.history'), ('camunda-flush', 'DbEntityManager.flush'),
         ('camunda-select', 'DbEntityManager.select'), ('camunda-el', 'org.camunda.bpm.impl.juel'), ('camunda', 'org.camunda'),
         ('outbox', 'org.gridloop.platform.outbox'), ('hibernate', 'org.hibernate'), ('pgjdbc', 'org.postgresql'), ('agroal', 'io.agroal'), ('narayana', 'com.arjuna'),
         ('jackson', 'com.fasterxml'), ('security', 'io.quarkus.security'), ('security', 'smallrye.jwt'), ('security', 'org.jose4j'), ('security', 'VerifiedTokens'),
         ('admission', 'Admission'), ('resteasy', 'org.jboss.resteasy'), ('vertx', 'io.vertx'), ('netty', 'io.netty'), ('validation', 'org.hibernate.validator'), ('logging', 'org.jboss.logmanager'), ('micrometer', 'io.micrometer'), ('otel', 'io.opentelemetry'), ('arc', 'io.quarkus.arc')]
for e in ev:
    st = e['values'].get('stackTrace'); th = (e['values'].get('sampledThread') or {}).get('javaName', '')
    if not st or not th.startswith('executor-thread'): continue
    names = [fr['method']['type']['name'].replace('/', '.') + '.' + fr['method']['name'] for fr in st['frames']]
    n += 1
    e1 = next((re.sub(r'_Subclass|\$\$.*', '', x) for x in reversed(names) if re.search(r'org\.gridloop\.\w+\.(rest|messaging)\.\w+\.\w+$', x) and 'lambda' not in x), 'other')
    ep[e1] += 1
    p = 'other'
    for nm in names:
        hit = next((r for r, pat in rules if pat in nm), None)
        if hit: p = hit; break
    phase[p] += 1
print('executor samples', n)
for k, v in ep.most_common(25): print(f'{v*100/n:5.1f}% {k}')
print('-- phase (innermost matching)')
for k, v in phase.most_common(): print(f'{v*100/n:5.1f}% {k}')

import sys, json, collections, subprocess
# usage: agg.py file.jfr [topN]
f = sys.argv[1]; top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
out = subprocess.run(['jfr', 'print', '--json', '--events', 'jdk.ExecutionSample', '--stack-depth', '64', f],
                     capture_output=True, text=True).stdout
ev = json.loads(out)['recording']['events']
selfc = collections.Counter(); incl = collections.Counter(); pkg = collections.Counter(); threads = collections.Counter()
def name(fr):
    m = fr['method']; return m['type']['name'].replace('/', '.') + '.' + m['name']
for e in ev:
    frames = e['values']['stackTrace']['frames'] if e['values'].get('stackTrace') else []
    if not frames: continue
    threads[(e['values'].get('sampledThread') or {}).get('javaName', '?').rstrip('0123456789-')] += 1
    selfc[name(frames[0])] += 1
    seen = set()
    for fr in frames:
        n = name(fr)
        if n not in seen:
            seen.add(n); incl[n] += 1
    # attribute sample to first "interesting" gridloop/camunda/hibernate frame category
    cat = 'other'
    for fr in frames:
        t = fr['method']['type']['name'].replace('/', '.')
        for p, c in (('org.camunda.bpm.engine.impl.persistence', 'camunda-persistence'), ('org.camunda.bpm.dmn', 'camunda-dmn'), ('org.camunda', 'camunda'), ('org.postgresql', 'pgjdbc'), ('org.apache.ibatis', 'mybatis'),
                     ('org.hibernate', 'hibernate'), ('io.vertx.pgclient', 'vertx-pg'), ('org.apache.kafka', 'kafka-client'), ('io.smallrye.jwt', 'jwt'), ('org.jose4j', 'jwt'),
                     ('com.fasterxml.jackson', 'jackson'), ('io.netty', 'netty'), ('io.vertx', 'vertx'), ('org.gridloop', 'gridloop'), ('io.agroal', 'agroal'), ('io.micrometer', 'micrometer'), ('io.opentelemetry', 'otel')):
            if t.startswith(p):
                cat = c; break
        if cat != 'other': break
    pkg[cat] += 1
n = len(ev)
print('samples', n)
print('-- category (first matching frame from top)')
for k, v in pkg.most_common(): print(f'{v*100/n:5.1f}% {k}')
print('-- threads')
for k, v in threads.most_common(10): print(f'{v*100/n:5.1f}% {k}')
print('-- self')
for k, v in selfc.most_common(top): print(f'{v*100/n:5.1f}% {k}')
print('-- inclusive (gridloop/camunda)')
for k, v in incl.most_common(400):
    if k.startswith(('org.gridloop', 'org.camunda.bpm.engine.impl.cmd', 'org.camunda.bpm.engine.impl.interceptor', 'org.camunda.bpm.engine.impl.history', 'org.camunda.bpm.engine.impl.db', 'org.camunda.bpm.dmn', 'org.hibernate', 'io.smallrye.jwt', 'org.apache.kafka')):
        print(f'{v*100/n:5.1f}% {k}')

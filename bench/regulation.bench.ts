/**
 * Issue "Regulation": on the national-scale dataset, ranking options in process (p99), listRequestOptions
 * over HTTP against a bare Fastify route (same run, loopback), and many concurrent decisions.
 */

import { rankOptions } from '../src/domain/regulation.ts';
import { parisDate } from '../src/domain/time.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { MAX_OPTIONS } from '../src/server/modules/regulation/options.service.ts';
import { loadProviders } from '../src/server/modules/regulation/providers.ts';
import { generateNationalDataset, NATIONAL_SCALE } from '../src/server/seed/national-dataset.ts';
import { loadReferenceData } from '../src/server/seed/reference.ts';
import { figure, requestsPerSecond, startChild } from './support.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function rankingP99(): Promise<{ p99: number; providers: number; calls: number }> {
  const config = loadConfig({ RELAIS_DATA_DIR: 'memory://' }, []);
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db);
    const now = config.clock.now();
    await db.transaction((tx) => loadReferenceData(tx, now));
    await generateNationalDataset(db, config.census, NATIONAL_SCALE, now);
    const providers = await loadProviders(db, parisDate(now), {
      composition: config.regulation.composition,
      at: now,
    });
    const sites = await db.query<{ finess: string; region_code: string; lat: number; lon: number }>(
      `SELECT e.finess, d.region_code, e.lat, e.lon FROM establishments e JOIN departements d ON d.code = e.departement_code
       WHERE e.lat IS NOT NULL ORDER BY e.finess LIMIT 500`,
    );
    const times: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const [i, s] of sites.entries()) {
        const started = performance.now();
        rankOptions(
          {
            site: { finess: s.finess, regionCode: s.region_code, lat: s.lat, lon: s.lon },
            indication: i % 3 === 0 ? 'ECPR' : i % 3 === 1 ? 'VA' : 'VV',
            urgency: i % 2 ? 'immediate' : 'hours',
            siteCanHost: i % 2 === 0,
            escalated: i % 4 === 0,
          },
          providers,
          config.regulation.travel,
          MAX_OPTIONS,
        );
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    return {
      p99: times[Math.floor(times.length * 0.99)] ?? Number.NaN,
      providers: providers.length,
      calls: times.length,
    };
  } finally {
    await db.close();
  }
}

export async function runRegulationBench(): Promise<string[]> {
  const ranking = await rankingP99();
  const baseline = await startChild('bench/baseline-server.ts');
  const relais = await startChild('bench/relais-server.ts');
  const base = `http://127.0.0.1:${relais.port}`;
  try {
    const login = async (email: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'relais-demo' }),
      });
      return {
        cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
        csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
      };
    };
    const national = await login('national-regulator@demo.relais.fr');
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie: national.cookie,
          'x-csrf-token': national.csrf,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    // Requests from hospitals of the dataset, taken into regulation.
    const sites = (
      (await call('GET', '/api/establishments?region=84&limit=200')).json.items as {
        finess: string;
        lat: number | null;
      }[]
    ).filter((e) => e.lat !== null);
    const requests: { id: string; version: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const site = sites[i % sites.length] as { finess: string };
      const filed = await call('POST', '/api/requests', {
        caseCode: `BN-${String(i).padStart(4, '0')}`,
        finess: site.finess,
        ageBand: '40-59',
        indication: 'VV',
        urgency: 'hours',
        siteCanHost: true,
        contact: { name: 'Dr Bench', phone: '04 00 00 00 00' },
      });
      const taken = await call('POST', `/api/requests/${filed.json.id}/status`, {
        version: 1,
        state: 'regional_regulation',
      });
      requests.push({ id: String(taken.json.id), version: Number(taken.json.version) });
    }
    const first = requests[0] as { id: string };
    const rounds: { bare: number; options: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const bare = await requestsPerSecond(`http://127.0.0.1:${baseline.port}/constant`, {}, 3);
      const opts = await requestsPerSecond(`${base}/api/requests/${first.id}/options`, { cookie: national.cookie }, 3);
      if (opts.errors || opts.non2xx) throw new Error(`options: ${opts.errors} errors, ${opts.non2xx} non-2xx`);
      rounds.push({ bare: bare.rps, options: opts.rps });
    }
    // 200 regulators decide at once, each on the best option of their request: many want the same consoles.
    const bests = await Promise.all(
      requests.map(
        async (r) =>
          ((await call('GET', `/api/requests/${r.id}/options`)).json.items as { key: string; consoleId: string }[])[0],
      ),
    );
    const results = await Promise.all(
      requests.map((r, i) => {
        const best = bests[i];
        return best
          ? call('POST', `/api/requests/${r.id}/decision`, {
              version: r.version,
              optionKey: best.key,
              consoleId: best.consoleId,
              motivation: 'bench',
            })
          : null;
      }),
    );
    const decided = results.filter((r) => r?.status === 200).length;
    const conflicts = results.filter((r) => r?.status === 409).length;
    const others = results.filter((r) => r && r.status !== 200 && r.status !== 409).length;
    const listed = (await call('GET', '/api/requests?state=decided&limit=500')).json.items as {
      decision: { consoleId: string } | null;
    }[];
    const consoles = listed.map((r) => r.decision?.consoleId);
    const doubles = consoles.length - new Set(consoles).size;
    return [
      `# ranking: ${ranking.calls} calls over ${ranking.providers} providers (400 ECMO sites of the dataset, their consoles fit to go, circuits and the 150 teams of the on-call roster, 3 depots)`,
      `# ${requests.length} concurrent decisions: ${decided} decided, ${conflicts} refused with a conflict (console taken meanwhile), ${others} other answers`,
      figure('options ranking p99 in process', Math.round(ranking.p99 * 1000) / 1000, 'ms', { max: 5 }),
      figure('listRequestOptions throughput vs bare Fastify', median(rounds.map((r) => r.options / r.bare)), 'ratio', {
        min: 0.5,
      }),
      figure(`double allocations among ${requests.length} concurrent decisions`, doubles, 'consoles', { max: 0 }),
    ];
  } finally {
    await relais.stop();
    await baseline.stop();
  }
}

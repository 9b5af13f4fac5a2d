import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../src/domain/time.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { hashToken } from '../../src/server/http/session.ts';
import { notifyOverdue } from '../../src/server/modules/regulation/notifications.service.ts';
import { fileRequest, type RequestInput } from '../../src/server/seed/api-factories.ts';
import { startRelais } from '../../src/server/start.ts';
import { outboxTo } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, engine, type TestApp, testConfig } from '../support/test-app.ts';

const LYON = '690784186';
let t: TestApp;
let clinician: Agent;
let regional: Agent;
let regionalIdf: Agent;
let national: Agent;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  clinician = await t.login(DEMO.clinician);
  regional = await t.login(DEMO.regional);
  regionalIdf = await t.login(DEMO.regionalIdf);
  national = await t.login(DEMO.national);
});
afterAll(() => t?.close());

const file = (urgency: RequestInput['urgency'] = 'immediate') =>
  fileRequest(clinician, {
    caseCode: `LIVE-${String(++n).padStart(4, '0')}`,
    finess: LYON,
    ageBand: '60-69',
    indication: 'VA',
    urgency,
    siteCanHost: false,
  });
const notifications = async (agent: Agent) => (await agent.ok('listNotifications', { query: {} })).items;
const takeInCharge = (id: string) =>
  regional.ok('updateEcmoRequestStatus', { params: { id }, body: { version: 1, state: 'regional_regulation' } });

/** Reads a server-sent event stream until `until` matches an event, or gives up. */
function readEvents(
  url: string,
  cookie: string,
  until: (e: { event: string; data: string }) => boolean,
  timeoutMs = 5000,
) {
  return new Promise<{ event: string; data: string }[]>((resolve, reject) => {
    const seen: { event: string; data: string }[] = [];
    const req = http.get(url, { headers: { cookie } }, (res) => {
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            seen.push({ event, data });
            if (until({ event, data })) {
              req.destroy();
              resolve(seen);
              return;
            }
          }
          end = buffer.indexOf('\n\n');
        }
      });
    });
    req.on('error', (e) =>
      e.message.includes('aborted') || e.message.includes('socket hang up') ? resolve(seen) : reject(e),
    );
    setTimeout(() => {
      req.destroy();
      resolve(seen);
    }, timeoutMs);
  });
}

describe('notifications', () => {
  it('tells the region’s regulators of a new request, not the other region’s, until one acknowledges it', async () => {
    const r = await file();
    const note = (await notifications(regional)).find((x) => x.requestId === r.id);
    expect(note).toMatchObject({ kind: 'request_filed', regionCode: '84', acknowledgedAt: null });
    expect((await notifications(regionalIdf)).some((x) => x.requestId === r.id)).toBe(false);
    const acknowledge = (agent: Agent) => agent.call('acknowledgeNotification', { params: { id: Number(note?.id) } });
    expect((await acknowledge(regionalIdf)).status).toBe(404);
    const acked = await acknowledge(regional);
    expect(acked.body).toMatchObject({ acknowledgedBy: DEMO.regional });
    expect((await notifications(regional)).some((x) => x.id === note?.id)).toBe(false);
    expect(await outboxTo(t.db, [`%${r.caseCode}%`])).toContain(DEMO.regional);
  });

  it('tells the national regulators of an escalation and of a request overdue in regional regulation, once', async () => {
    const a = await file();
    const taken = await takeInCharge(a.id);
    await regional.ok('escalateEcmoRequest', {
      params: { id: a.id },
      body: { version: taken.version, reason: 'rupture imminente' },
    });
    const b = await file('immediate');
    await takeInCharge(b.id);
    const settings = testConfig().regulation;
    expect(await notifyOverdue(t.db, settings, settings.mail, t.clock.now())).toBe(0);
    t.clock.advance(45 * 60_000);
    expect(await notifyOverdue(t.db, settings, settings.mail, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await notifyOverdue(t.db, settings, settings.mail, t.clock.now())).toBe(0);
    const kinds = (await notifications(national)).map((x) => `${x.kind}:${x.requestId}`);
    expect(kinds).toEqual(expect.arrayContaining([`request_escalated:${a.id}`, `request_overdue:${b.id}`]));
    // Filing is the region's business: the national list does not carry it.
    expect(kinds.filter((k) => k.startsWith('request_filed'))).toEqual([]);
    // The region's regulators are told too: they should escalate.
    const regionalKinds = (await notifications(regional)).map((x) => `${x.kind}:${x.requestId}`);
    expect(regionalKinds).toContain(`request_overdue:${b.id}`);
    const overdueMails = await outboxTo(t.db, ['%délai%', `%${b.caseCode}%`], 'all');
    expect(overdueMails).toEqual(expect.arrayContaining([DEMO.regional, DEMO.national]));
  });
});

describe('the regulation report', () => {
  it('counts requests, times to decision, escalations and declines with their reasons', async () => {
    const d = await file('hours');
    const taken = await takeInCharge(d.id);
    await regional.ok('declineEcmoRequest', {
      params: { id: d.id },
      body: { version: taken.version, motivation: 'pas d’indication retenue' },
    });
    const year = parisDate(t.clock.now()).slice(0, 4);
    const report = await regional.ok('getRegulationReport', {
      query: { region: '84', from: `${year}-01-01`, to: `${year}-12-31` },
    });
    expect(report.requests).toBeGreaterThanOrEqual(4);
    expect(report.escalations).toBeGreaterThanOrEqual(1);
    expect(report.declined).toEqual(
      expect.arrayContaining([expect.objectContaining({ requestId: d.id, reason: 'pas d’indication retenue' })]),
    );
    const bad = await regional.call('getRegulationReport', {
      query: { region: '84', from: `${year}-13-01`, to: `${year}-12-31` },
    });
    expect(bad.problem?.errors?.[0]?.field).toBe('query.from');
  });
});

describe('live events', () => {
  it('streams a new request to the regulators of its region', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const events = readEvents(`${base}/api/events`, regional.cookie ?? '', (e) => e.event === 'request.changed');
    await new Promise((r) => setTimeout(r, 200));
    await file();
    const seen = await events;
    expect(seen.some((e) => e.event === 'request.changed' && JSON.parse(e.data).region === '84')).toBe(true);
  });
});

/** Resolves true when the server ends the stream, false if it is still open after `timeoutMs`. */
function streamEnds(url: string, cookie: string, timeoutMs = 3000): Promise<{ opened: number; ended: boolean }> {
  return new Promise((resolve, reject) => {
    let opened = 0;
    const req = http.get(url, { headers: { cookie } }, (res) => {
      opened = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ opened, ended: true });
      });
    });
    req.on('error', reject);
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ opened, ended: false });
    }, timeoutMs);
  });
}

describe('live events within scope', () => {
  let base = '';
  beforeAll(async () => {
    base = t.app.server.listening
      ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
      : await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('gives a request’s change to its region’s regulators, the nation and its hospital, not to another region', async () => {
    // Each stream listens for the same window; the request is filed while they all are open.
    const watchers = {
      regional: readEvents(`${base}/api/events`, regional.cookie ?? '', () => false, 1500),
      national: readEvents(`${base}/api/events`, national.cookie ?? '', () => false, 1500),
      clinician: readEvents(`${base}/api/events`, clinician.cookie ?? '', () => false, 1500),
      regionalIdf: readEvents(`${base}/api/events`, regionalIdf.cookie ?? '', () => false, 1500),
    };
    await new Promise((r) => setTimeout(r, 200));
    const filedId = (await file()).id;
    const ids = async (p: Promise<{ event: string; data: string }[]>) =>
      (await p).filter((e) => e.event === 'request.changed').map((e) => JSON.parse(e.data).request);
    expect(await ids(watchers.regional)).toContain(filedId);
    expect(await ids(watchers.national)).toContain(filedId);
    // The requesting hospital follows its own request live.
    expect(await ids(watchers.clinician)).toContain(filedId);
    expect(await ids(watchers.regionalIdf)).not.toContain(filedId);
  });

  it('ends a stream when its session signs out', async () => {
    const agent = await t.login(DEMO.regional);
    const stream = streamEnds(`${base}/api/events`, agent.cookie ?? '');
    await new Promise((r) => setTimeout(r, 200));
    expect((await agent.call('logout')).status).toBe(200);
    expect(await stream).toEqual({ opened: 200, ended: true });
    // Another session of the same user keeps its stream.
    const kept = streamEnds(`${base}/api/events`, regional.cookie ?? '', 800);
    await new Promise((r) => setTimeout(r, 200));
    const other = await t.login(DEMO.regional);
    await other.ok('logout');
    expect(await kept).toEqual({ opened: 200, ended: false });
  });

  it('ends a stream when its session expires, and refuses to reopen it', async () => {
    const agent = await t.login(DEMO.regional);
    const token = /relais_session=([^;]+)/.exec(agent.cookie ?? '')?.[1] ?? '';
    // No operation shortens a session: the test brings its end near, as time passing would.
    const updated = await t.db.query('UPDATE sessions SET expires_at = $2 WHERE token_hash = $1 RETURNING 1', [
      hashToken(decodeURIComponent(token)),
      new Date(t.clock.now().getTime() + 1200),
    ]);
    expect(updated).toHaveLength(1);
    expect(await streamEnds(`${base}/api/events`, agent.cookie ?? '', 4000)).toEqual({ opened: 200, ended: true });
    // The app's clock, standing still in tests, is moved past the expiry the stream waited for.
    t.clock.advance(1200);
    expect((await streamEnds(`${base}/api/events`, agent.cookie ?? '', 500)).opened).toBe(401);
  });

  it('stops listening for a client that disconnects', async () => {
    // A second instance on the same database, whose bus subscriptions this test counts.
    const second = await startRelais(testConfig({ demo: false, clock: t.clock }), t.db);
    try {
      let listening = 0;
      const subscribe = second.events.subscribe.bind(second.events);
      second.events.subscribe = (handler) => {
        listening++;
        const off = subscribe(handler);
        return () => {
          listening--;
          return off();
        };
      };
      const base2 = await second.app.listen({ port: 0, host: '127.0.0.1' });
      const login = await second.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: DEMO.regional, password: 'relais-demo' },
      });
      const cookie = `relais_session=${login.cookies.find((c) => c.name === 'relais_session')?.value}`;
      const clients = Array.from({ length: 3 }, () => {
        const req = http.get(`${base2}/api/events`, { headers: { cookie } }, (res) => res.resume());
        req.on('error', () => {});
        return req;
      });
      const until = async (want: number) => {
        for (let i = 0; i < 50 && listening !== want; i++) await new Promise((r) => setTimeout(r, 20));
        return listening;
      };
      expect(await until(3)).toBe(3);
      for (const c of clients) c.destroy();
      expect(await until(0)).toBe(0);
    } finally {
      await second.close();
    }
  });
});

// Several instances share only a PostgreSQL server: the test exists on that engine alone.
if (engine === 'postgres') {
  describe('live events across instances', () => {
    it('reaches a client of one instance when a request is filed on another', async () => {
      if (!t.url) throw new Error('no database url');
      const db2 = await openDatabase({ url: t.url });
      const second = await startRelais(testConfig({ demo: false, clock: t.clock }), db2);
      try {
        const base2 = await second.app.listen({ port: 0, host: '127.0.0.1' });
        const login = await second.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: DEMO.regional, password: 'relais-demo' },
        });
        const cookie = `relais_session=${login.cookies.find((c) => c.name === 'relais_session')?.value}`;
        const events = readEvents(`${base2}/api/events`, cookie, (e) => e.event === 'request.changed');
        await new Promise((r) => setTimeout(r, 300));
        const r = await file();
        const seen = await events;
        expect(seen.map((e) => JSON.parse(e.data).request)).toContain(r.id);
      } finally {
        await second.close();
        await db2.close();
      }
    });
  });
}

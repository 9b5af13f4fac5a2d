/**
 * The options engine follows the roster: a transfer names its deployable team, and looks again when a
 * qualification, a team's members or its shifts change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearShifts, requestInRegulation } from '../../src/server/seed/api-factories.ts';
import { shiftsOf } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let _perfusionist: Agent;
let regional: Agent;

beforeAll(async () => {
  t = await createTestApp();
  _perfusionist = await t.login(DEMO.perfusionist);
  regional = await t.login(DEMO.regional);
});
afterAll(() => t?.close());

const hour = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000);

describe('regulation with the roster', () => {
  it('looks again when a qualification or a team’s members change: the transfer follows its runner', async () => {
    // A minute into the shifts: at a boundary (08:00, 20:00) the runner's shift has only just begun, and a
    // member who leaves then has it taken off the roster rather than ended, leaving none to send back.
    t.clock.advance(60_000);
    const admin = await t.login(DEMO.admin);
    const clinician = await t.login(DEMO.clinician);
    const filed = await requestInRegulation(clinician, regional, {
      caseCode: 'TEAM-26-0002',
      indication: 'VA',
      siteCanHost: false,
    });
    const transfers = async () =>
      (await regional.ok('listRequestOptions', { params: { id: filed.id } })).items.filter(
        (o) => o.kind === 'transfer',
      );
    const [first] = await transfers();
    expect(first?.team).not.toBeNull();
    const teamId = first?.team?.id as string;
    const now = t.clock.now().toISOString();
    const runner = (
      await admin.ok('listShifts', {
        query: { team: teamId, from: now, to: new Date(t.clock.now().getTime() + 1).toISOString() },
      })
    ).shifts.find((s) => (s.role === 'perfusionist' || s.role === 'nurse') && s.startsAt <= now && s.endsAt > now);
    expect(runner).toBeDefined();
    if (!runner) return;
    // The runner's qualifications lapse unseen (straight in the database: no operation takes one away
    // without telling the roster), then any roster change shows it.
    await t.db.query('DELETE FROM qualifications WHERE professional_id = $1', [runner.professionalId]);
    await clearShifts(admin, teamId, new Date('2099-04-01T00:00:00Z'), new Date('2099-04-02T00:00:00Z'));
    expect((await transfers()).find((o) => o.key === first?.key)).toBeUndefined();
    // A qualification recorded through the API is seen at once.
    const qualified = await admin.call('addQualification', {
      params: { id: runner.professionalId },
      body: {
        kind: runner.role === 'nurse' ? 'ecmo_va' : 'perfusion_master',
        issuer: 'Centre hospitalier universitaire',
        issuedOn: '2020-01-15',
      },
    });
    expect(qualified.status).toBe(201);
    expect((await transfers()).find((o) => o.key === first?.key)?.team?.id).toBe(teamId);
    // The runner leaves the team: their shift under way ends now, and the transfer goes.
    const team = await admin.ok('getTeam', { params: { id: teamId } });
    const updated = await admin.call('updateTeamMembers', {
      params: { id: teamId },
      body: {
        version: team.version,
        members: team.members
          .filter((m) => m.professionalId !== runner.professionalId)
          .map((m) => ({ professionalId: m.professionalId, role: m.role })),
      },
    });
    expect(updated.status).toBe(200);
    expect((await transfers()).find((o) => o.key === first?.key)).toBeUndefined();
    expect(await shiftsOf(t.db, teamId, runner.professionalId, t.clock.now())).toHaveLength(0);
    // The team's page sends its window back as it reads it: the shift of the member who left stands as it was.
    const from = new Date(t.clock.now().getTime() - 13 * 3_600_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 12 * 3_600_000).toISOString();
    const read = await admin.ok('listShifts', { query: { team: teamId, from, to } });
    const sent = read.shifts
      .filter((x) => x.startsAt >= from)
      .map(({ id: _, teamId: __, teamName: ___, name: ____, ...x }) => x);
    expect(sent.some((x) => x.professionalId === runner.professionalId)).toBe(true);
    const resent = await admin.call('upsertShifts', { params: { id: teamId }, body: { from, to, shifts: sent } });
    expect(resent.status).toBe(200);
    // Not so a new shift for them.
    const added = await admin.call('upsertShifts', {
      params: { id: teamId },
      body: {
        from,
        to,
        shifts: [
          ...sent,
          {
            professionalId: runner.professionalId,
            role: runner.role,
            kind: 'on_call',
            startsAt: new Date(t.clock.now().getTime() + 11 * 3_600_000).toISOString(),
            endsAt: new Date(t.clock.now().getTime() + 20 * 3_600_000).toISOString(),
            callInMinutes: 30,
          },
        ],
      },
    });
    expect(added.problem?.errors).toEqual([expect.objectContaining({ code: 'not_member' })]);
  });

  it('names the deployable team of a transfer, and offers no transfer once its roster is empty', async () => {
    const clinician = await t.login(DEMO.clinician);
    const filed = await requestInRegulation(clinician, regional, {
      caseCode: 'TEAM-26-0001',
      urgency: 'immediate',
      siteCanHost: false,
    });
    const options = async () => (await regional.ok('listRequestOptions', { params: { id: filed.id } })).items;
    const transfer = (await options()).find((o) => o.kind === 'transfer');
    expect(transfer?.team).toMatchObject({ name: expect.stringContaining('ECMO') });
    expect(transfer?.reasons.map((r) => r.code)).toContain('team_named');
    if (!transfer?.team) return;
    // The provider's ECMO team loses everyone on duty now (each shift starts less than a day before it
    // ends): its transfer is no longer proposed.
    await clearShifts(regional, transfer.team.id, hour(-36), hour(12));
    // Any roster change (here an empty window far ahead) tells every instance to look again.
    await clearShifts(regional, transfer.team.id, new Date('2099-04-01T00:00:00Z'), new Date('2099-04-02T00:00:00Z'));
    expect((await options()).find((o) => o.key === transfer.key)).toBeUndefined();
  });
});

import {existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {main} from '../source/commands/profiles.js';
import {
	deleteProfile,
	getProfile,
	listProfiles,
	openProfileStore,
	ProfileStoreError,
	saveProfile,
} from '../source/profiles/store.js';
import type {Profile} from '../source/profiles/profile.js';
import {fakeIo, temporaryDirectory} from './helpers/check-io.js';

const secret = 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=';

const base: Profile = {
	orgId: 'demo_merchant',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
	environment: 'test',
	auth: 'both',
	lastVerifiedAt: '2026-03-01T10:00:00.000Z',
	requestId: '7411111111111111111111',
};

function mode(file: string): string {
	return (statSync(file).mode & 0o777).toString(8);
}

let dir = '';
let configDir = '';
let cleanup: () => Promise<void> = async () => undefined;

beforeEach(async () => {
	({dir, cleanup} = await temporaryDirectory('profiles-'));
	configDir = path.join(dir, 'config');
});

afterEach(async () => {
	await cleanup();
});

function run(argv: string[]) {
	const io = fakeIo({argv, env: {CYBS_KEY_WIZARD_CONFIG_DIR: configDir}});
	return {io, done: main(io)};
}

describe('profile store', () => {
	test('saves, lists, gets and deletes; directory 0700, file 0600', async () => {
		const store = await openProfileStore({configDir});
		expect(mode(configDir)).toBe('700');
		saveProfile(store, 'zeta', {...base, environment: 'production', auth: 'jwt'});
		saveProfile(store, 'alpha', {...base, metaKey: {portfolioId: 'portfolio_one'}});
		expect(store.path).toBe(path.join(configDir, 'config.json'));
		expect(mode(store.path)).toBe('600');
		expect(listProfiles(store).map(entry => entry.name)).toEqual(['alpha', 'zeta']);
		expect(getProfile(store, 'alpha')).toEqual({...base, metaKey: {portfolioId: 'portfolio_one'}});
		expect(getProfile(store, 'missing')).toBeUndefined();

		// A second store on the same directory sees the same data.
		const again = await openProfileStore({configDir});
		expect(getProfile(again, 'zeta')?.environment).toBe('production');

		expect(deleteProfile(store, 'zeta')).toBe(true);
		expect(deleteProfile(store, 'zeta')).toBe(false);
		expect(listProfiles(store).map(entry => entry.name)).toEqual(['alpha']);
		expect(store.notices).toEqual([]);
	});

	test('tightens an existing directory and file to 0700 / 0600', async () => {
		mkdirSync(configDir, {mode: 0o755});
		writeFileSync(path.join(configDir, 'config.json'), '{}', {mode: 0o644});
		const store = await openProfileStore({configDir});
		expect(mode(configDir)).toBe('700');
		saveProfile(store, 'one', base);
		expect(mode(store.path)).toBe('600');
	});

	test('rejects a bad profile name or an incomplete record without writing', async () => {
		const store = await openProfileStore({configDir});
		expect(() => saveProfile(store, '../escape', base)).toThrow(ProfileStoreError);
		expect(() => saveProfile(store, 'ok', {...base, orgId: ''})).toThrow(/incomplete/);
		expect(existsSync(store.path)).toBe(false);
	});

	test('a corrupt config file is moved aside (kept), named, and a fresh one started', async () => {
		mkdirSync(configDir, {recursive: true});
		const file = path.join(configDir, 'config.json');
		writeFileSync(file, '{"profiles": {"broken": ');
		const store = await openProfileStore({configDir, now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 6)});
		const aside = path.join(configDir, 'config.json.corrupt-2026-01-02T03-04-05-006Z');
		expect(readFileSync(aside, 'utf8')).toBe('{"profiles": {"broken": ');
		expect(store.notices).toHaveLength(1);
		expect(store.notices[0]).toContain(file);
		expect(store.notices[0]).toContain(aside);
		expect(store.notices[0]).toContain('not valid JSON');
		expect(listProfiles(store)).toEqual([]);
		saveProfile(store, 'fresh', base);
		expect(getProfile(store, 'fresh')).toEqual(base);
		expect(readFileSync(aside, 'utf8')).toBe('{"profiles": {"broken": ');
	});

	test('the notice about a corrupt file never quotes its text (a hand-edited secret is next to the mistake)', async () => {
		mkdirSync(configDir, {recursive: true});
		const secret = 'AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKK=';
		writeFileSync(path.join(configDir, 'config.json'), `{"profiles": {"p": {"secret": ${secret}}}}`);
		const store = await openProfileStore({configDir});
		expect(store.notices).toHaveLength(1);
		expect(store.notices[0]).toContain('not valid JSON (a syntax error');
		expect(store.notices[0]).not.toContain('AAAABBBB');
	});

	test('a malformed profile record or an unreadable file counts as corrupt too', async () => {
		mkdirSync(configDir, {recursive: true});
		const file = path.join(configDir, 'config.json');
		writeFileSync(file, JSON.stringify({profiles: {bad: {orgId: 'x'}}}));
		const first = await openProfileStore({configDir, now: () => 1000});
		expect(first.notices[0]).toContain('profile "bad" is incomplete or malformed');

		// A directory where the file should be cannot be read: moved aside as well (a second name is chosen).
		mkdirSync(file);
		const second = await openProfileStore({configDir, now: () => 1000});
		expect(second.notices[0]).toContain('cannot be read');
		const kept = readdirSync(configDir).filter(name => name.startsWith('config.json.corrupt-'));
		expect(kept.sort()).toEqual(['config.json.corrupt-1970-01-01T00-00-01-000Z', 'config.json.corrupt-1970-01-01T00-00-01-000Z-1']);
	});
});

describe('profiles command', () => {
	test('lists without the secret, only whether one is stored', async () => {
		const store = await openProfileStore({configDir});
		saveProfile(store, 'with-secret', {...base, secret});
		saveProfile(store, 'plain', {...base, environment: 'simulator', baseUrl: 'http://127.0.0.1:4010'});
		const {io, done} = run([]);
		expect(await done).toBe(0);
		const out = io.out();
		expect(out).toContain(store.path);
		expect(out).toMatch(/plain\s+simulator via http:\/\/127\.0\.0\.1:4010\s+demo_merchant\s+08c94330…\s+both\s+2026-03-01T10:00:00.000Z\s+not stored/);
		expect(out).toMatch(/with-secret\s+test\s+demo_merchant\s+08c94330…\s+both\s+\S+\s+stored/);
		expect(out + io.err()).not.toContain(secret);
	});

	test('list --json: one object, secretStored flags, no secret', async () => {
		const store = await openProfileStore({configDir});
		saveProfile(store, 'with-secret', {...base, secret});
		const {io, done} = run(['list', '--json']);
		expect(await done).toBe(0);
		const parsed: unknown = JSON.parse(io.out());
		expect(parsed).toEqual({
			configFile: store.path,
			profiles: [{name: 'with-secret', ...base, secretStored: true}],
		});
		expect(io.out()).not.toContain(secret);
	});

	test('empty list says how to save one', async () => {
		const {io, done} = run(['list']);
		expect(await done).toBe(0);
		expect(io.out()).toContain('No saved profiles');
		expect(io.out()).toContain('--save NAME');
	});

	test('show prints every field but the secret', async () => {
		const store = await openProfileStore({configDir});
		saveProfile(store, 'meta', {...base, secret, metaKey: {portfolioId: 'portfolio_one'}});
		const {io, done} = run(['show', 'meta']);
		expect(await done).toBe(0);
		const out = io.out();
		expect(out).toContain('Profile meta');
		expect(out).toContain(base.keyId);
		expect(out).toContain('yes, portfolio ID portfolio_one');
		expect(out).toContain('Request ID        7411111111111111111111');
		expect(out).toContain('stored in the config file (mode 0600)');
		expect(out + io.err()).not.toContain(secret);

		const json = run(['show', 'meta', '--json']);
		expect(await json.done).toBe(0);
		const parsed: unknown = JSON.parse(json.io.out());
		expect(parsed).toEqual({
			configFile: store.path,
			profile: {name: 'meta', ...base, metaKey: {portfolioId: 'portfolio_one'}, secretStored: true},
		});
	});

	test('delete removes it; an unknown name exits 2 and lists the known ones', async () => {
		const store = await openProfileStore({configDir});
		saveProfile(store, 'keep', base);
		saveProfile(store, 'gone', base);
		const deleted = run(['delete', 'gone']);
		expect(await deleted.done).toBe(0);
		expect(deleted.io.out()).toContain('Deleted profile gone');
		expect(listProfiles(store).map(entry => entry.name)).toEqual(['keep']);

		const unknown = run(['delete', 'gone']);
		expect(await unknown.done).toBe(2);
		expect(unknown.io.err()).toContain('No profile named "gone"');
		expect(unknown.io.err()).toContain('Saved profiles: keep.');

		const show = run(['show', 'nope']);
		expect(await show.done).toBe(2);
		expect(show.io.out()).toBe('');
	});

	test('bad usage exits 2 with one line on stderr', async () => {
		for (const argv of [['frobnicate'], ['show'], ['list', '--colour'], ['show', 'a', 'b']]) {
			const {io, done} = run(argv);
			expect(await done).toBe(2);
			expect(io.err().trim().split('\n')).toHaveLength(1);
			expect(io.out()).toBe('');
		}
	});

	test('a corrupt config file: notice on stderr naming the file, then a fresh list', async () => {
		mkdirSync(configDir, {recursive: true});
		writeFileSync(path.join(configDir, 'config.json'), 'not json');
		const {io, done} = run(['list']);
		expect(await done).toBe(0);
		expect(io.err()).toContain(path.join(configDir, 'config.json'));
		expect(io.err()).toContain('moved to');
		expect(io.out()).toContain('No saved profiles');
		expect(readdirSync(configDir).some(name => name.startsWith('config.json.corrupt-'))).toBe(true);
	});

	test('the config directory follows XDG_CONFIG_HOME when CYBS_KEY_WIZARD_CONFIG_DIR is unset', async () => {
		if (process.platform === 'darwin' || process.platform === 'win32') return;
		const io = fakeIo({argv: ['list', '--json'], env: {XDG_CONFIG_HOME: dir}});
		expect(await main(io)).toBe(0);
		const parsed: unknown = JSON.parse(io.out());
		expect(parsed).toMatchObject({configFile: path.join(dir, 'cybs-key-wizard-nodejs', 'config.json')});
		expect(mode(path.join(dir, 'cybs-key-wizard-nodejs'))).toBe('700');
	});
});

/**
 * The explorer page in a real browser: Debian's Chromium driven by playwright-core (nothing downloaded)
 * against the service listening on 127.0.0.1. Inputs are changed with the keyboard and by selection,
 * and after each change the probability, interval, group, referral and factors on screen must equal
 * what the API's own scoring (POST /v1/score?explain=true, called here with a key) returns for the same
 * member, built by the test independently of the page's script. Also checked in the browser: labels,
 * fieldsets, lang, the live region, that every control is reachable by Tab, text contrast ≥ 4.5:1, and
 * that the strict content security policy raises no violation. Without /usr/bin/chromium the suite is
 * skipped, or fails when CI is set.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetGroupLabelDa } from '../../src/i18n/da.js';
import { explorerPercentDa } from '../../src/i18n/daExplorer.js';
import { EXPLORER_DEFAULT_INPUT } from '../../src/service/explorer/explorerInput.js';
import type { MemberInput } from '../../src/screening/member/memberSchema.js';
import { KEYS, startApp, type TestApp } from './helpers.js';

// The functions given to page.evaluate run in the browser. The project compiles without the DOM library
// (src must not use it), so the browser's names are declared here, untyped, for this file alone.
// biome-ignore lint/suspicious/noExplicitAny: the browser's document, typed by the browser
declare const document: any;
// biome-ignore lint/suspicious/noExplicitAny: the browser's function
declare const getComputedStyle: any;
// biome-ignore lint/suspicious/noExplicitAny: the browser's Node constants
declare const Node: any;
// biome-ignore lint/suspicious/noExplicitAny: a browser type
type Element = any;
// biome-ignore lint/suspicious/noExplicitAny: a browser type
type HTMLElement = any;
// biome-ignore lint/suspicious/noExplicitAny: a browser type
type HTMLInputElement = any;
// biome-ignore lint/suspicious/noExplicitAny: a browser type
type HTMLFieldSetElement = any;

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is required when CI is set (the explorer's browser test)`);
if (!hasChromium) console.warn(`${CHROMIUM} not found: the explorer's browser test is skipped (apt-get install chromium)`);

interface ApiResult {
  probability: number;
  probabilityInterval: { lower: number; upper: number };
  targetGroup: 1 | 2;
  subgroup: '2a' | '2b' | null;
  jobCentreReferral: boolean;
  factors: { label: string; direction: 'raises' | 'lowers' }[];
}

/** What the page shows, read from the DOM. */
interface Shown {
  probabilityText: string;
  probability: number;
  intervalText: string;
  lower: number;
  upper: number;
  group: string;
  referral: string;
  raising: string[];
  lowering: string[];
  announcement: string;
  error: string | null;
}

describe.skipIf(!hasChromium)('the explorer page in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  let scored = 0;

  /** The API's explained score of a member, through the authenticated batch operation. */
  async function apiScore(input: MemberInput): Promise<ApiResult> {
    const res = await fetch(`${base}/v1/score?explain=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.create}`, 'content-type': 'application/json' },
      body: JSON.stringify({ members: [input] }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: ApiResult[] }).results[0];
  }

  /** Waits until the page has shown the answer to a request made after the last one seen. */
  async function nextResult(): Promise<void> {
    await page.waitForFunction((n) => Number(document.getElementById('explorer-form')?.dataset.scored ?? 0) > n, scored);
    // A debounced or later request may still be on its way: wait until the page is idle.
    await page.waitForFunction(() => document.getElementById('result')?.getAttribute('aria-busy') === 'false');
    scored = Number(await page.locator('#explorer-form').getAttribute('data-scored'));
  }

  async function shown(): Promise<Shown> {
    return page.evaluate(() => {
      const el = (id: string) => document.getElementById(id) as HTMLElement;
      const items = (id: string) => [...el(id).querySelectorAll('li .factor-label')].map((x) => x.textContent ?? '');
      const error = el('result-error');
      return {
        probabilityText: el('result-probability').textContent ?? '',
        probability: Number(el('result-probability').dataset.value),
        intervalText: el('result-interval').textContent ?? '',
        lower: Number(el('result-interval').dataset.lower),
        upper: Number(el('result-interval').dataset.upper),
        group: el('result-group').textContent ?? '',
        referral: el('result-referral').textContent ?? '',
        raising: items('factors-raising'),
        lowering: items('factors-lowering'),
        announcement: el('announcement').textContent ?? '',
        error: error.hidden ? null : error.textContent,
      };
    });
  }

  /** The page's numbers and lists equal the API's for the member. */
  async function expectShownEqualsApi(input: MemberInput): Promise<ApiResult> {
    const api = await apiScore(input);
    const s = await shown();
    expect(s.error).toBeNull();
    expect(s.probability).toBe(api.probability);
    expect(s.probabilityText).toBe(explorerPercentDa(api.probability));
    expect(s.lower).toBe(api.probabilityInterval.lower);
    expect(s.upper).toBe(api.probabilityInterval.upper);
    expect(s.intervalText).toBe(
      `mellem ${explorerPercentDa(api.probabilityInterval.lower)} og ${explorerPercentDa(api.probabilityInterval.upper)}`,
    );
    expect(s.group).toBe(targetGroupLabelDa(api.targetGroup, api.subgroup));
    expect(s.referral.startsWith(api.jobCentreReferral ? 'Ja' : 'Nej')).toBe(true);
    expect(s.raising).toEqual(api.factors.filter((f) => f.direction === 'raises').map((f) => f.label));
    expect(s.lowering).toEqual(api.factors.filter((f) => f.direction === 'lowers').map((f) => f.label));
    expect(s.announcement).toContain(explorerPercentDa(api.probability));
    return api;
  }

  beforeAll(async () => {
    t = await startApp('sqlite', { EXPLORER_SCORES_PER_MINUTE: '100000', RATE_LIMIT_MAX: '100000' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    await page.goto(`${base}/explorer`);
    await nextResult();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the example member as the API scores it, and says the model is trained on simulated data', async () => {
    await expectShownEqualsApi(EXPLORER_DEFAULT_INPUT);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await expect(page.locator('.simulated').textContent()).resolves.toContain('trænet på simulerede data');
    // The coefficient table holds every term of the active model.
    const terms = await page.locator('#coefficients tbody code').allTextContents();
    expect(terms).toEqual(t.app.models.active.artifact.encoding.terms);
  });

  it('follows changes made with the keyboard and by selection, each time equal to the API', async () => {
    const input = structuredClone(EXPLORER_DEFAULT_INPUT);

    // Age by keyboard: select the field's text and type a new number.
    await page.focus('#f-member-age');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24');
    input.member.age = 24;
    input.member.experienceYears = 5;
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await nextResult();
    await expectShownEqualsApi(input);

    // Education by selection.
    await page.selectOption('#f-member-education', 'lang_videregaaende');
    input.member.education = 'lang_videregaaende';
    await nextResult();
    await expectShownEqualsApi(input);

    // A checkbox by the space bar.
    await page.focus('#f-member-fromSicknessBenefit');
    await page.keyboard.press('Space');
    input.member.fromSicknessBenefit = false;
    await nextResult();
    await expectShownEqualsApi(input);

    // Question 2 with the arrow keys: from "mere end 6 måneder" up to "inden for 6 måneder", "3", "1".
    await page.focus('input[name="questionnaire.q2JobExpectation"]:checked');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    input.questionnaire.q2JobExpectation = 'inden_1_maaned';
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === 'inden_1_maaned');
    await nextResult();
    await expectShownEqualsApi(input);

    // Question 10 answered no: the barriers' fieldset is disabled and no barrier is sent.
    await page.focus('input[name="questionnaire.q10HasBarriers"][value="true"]');
    await page.keyboard.press('ArrowDown');
    input.questionnaire.q10HasBarriers = false;
    input.questionnaire.q10Barriers = [];
    await nextResult();
    expect(await page.evaluate(() => (document.getElementById('q10-barriers') as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.locator('#f-q10-fysisk_helbred').isDisabled()).toBe(true);
    const api = await expectShownEqualsApi(input);
    expect(api.targetGroup).toBe(1);

    // The job goal by selection and the DISCO code by typing (unknown when emptied).
    await page.selectOption('#f-member-jobGoalWithinTradeAreas', 'false');
    input.member.jobGoalWithinTradeAreas = false;
    await nextResult();
    await page.fill('#f-member-discoCode', '');
    input.member.discoCode = null;
    await nextResult();
    await expectShownEqualsApi(input);

    // Back to a high-risk member, so that the subgroup (2b: job goal outside the trade areas) shows.
    await page.focus('#f-member-age');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('58');
    input.member.age = 58;
    await page.selectOption('#f-member-education', 'grundskole');
    input.member.education = 'grundskole';
    await page.focus('input[name="questionnaire.q10HasBarriers"][value="false"]');
    await page.keyboard.press('ArrowUp');
    input.questionnaire.q10HasBarriers = true;
    await page.check('#f-q10-psykisk_helbred');
    await page.check('#f-q10-sprog');
    // The ticks made before the answer was no come back with the yes, beside the two new ones.
    input.questionnaire.q10Barriers = ['fysisk_helbred', 'psykisk_helbred', 'laese_skrive_regne', 'sprog'];
    await page.click('#f-questionnaire-q2JobExpectation-4');
    input.questionnaire.q2JobExpectation = 'over_6_maaneder';
    await nextResult();
    const high = await expectShownEqualsApi(input);
    expect(high.subgroup).toBe('2b');
  });

  it('names the field that cannot be scored, as the API does', async () => {
    await page.focus('#f-member-age');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('16');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => !(document.getElementById('result-error') as HTMLElement).hidden);
    expect(await page.locator('#result-error').textContent()).toContain('Erhvervserfaring');
    expect(await page.locator('#f-member-experienceYears').getAttribute('aria-invalid')).toBe('true');
    await page.focus('#f-member-age');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('58');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => (document.getElementById('result-error') as HTMLElement).hidden);
    expect(await page.locator('#f-member-experienceYears').getAttribute('aria-invalid')).toBeNull();
  });

  it('labels every control, groups choices in fieldsets with legends, and reaches every control by Tab', async () => {
    const controls = await page.evaluate(() =>
      ([...document.querySelectorAll('#explorer-form input, #explorer-form select')] as HTMLInputElement[]).map((c) => ({
        id: c.id,
        name: c.name,
        type: c.type,
        labels: c.labels ? [...c.labels].map((l) => l.textContent?.trim() ?? '') : [],
        legend: c.closest('fieldset')?.querySelector('legend')?.textContent?.trim() ?? '',
      })),
    );
    expect(controls.length).toBeGreaterThan(20);
    for (const c of controls) {
      expect(c.labels.length, c.id).toBe(1);
      expect(c.labels[0].length, c.id).toBeGreaterThan(0);
      expect(c.legend.length, c.id).toBeGreaterThan(0);
    }
    // Tab from the top: every named control is reached (a radio group is one stop, as browsers make it).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.focus('h1').catch(() => undefined);
    const reached = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
      if (name) reached.add(name);
    }
    // The barriers are enabled again (question 10 is yes), so they are in the tab order too.
    for (const c of controls) expect(reached.has(c.name), c.name).toBe(true);
    // The live region exists and is polite.
    expect(await page.locator('#announcement').getAttribute('aria-live')).toBe('polite');
  });

  it('has text contrast of at least 4.5:1 everywhere and a visible focus outline', async () => {
    const worst = await page.evaluate(() => {
      const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const c = [r, g, b].map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      let min = { ratio: 21, text: '' };
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!own || (el as HTMLElement).offsetParent === null) continue;
        const style = getComputedStyle(el);
        if (style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
        const [l1, l2] = [luminance(rgb(style.color)), luminance(background(el))].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < min.ratio) min = { ratio, text: `${el.tagName}: ${el.textContent?.slice(0, 40)}` };
      }
      return min;
    });
    expect(worst.ratio, worst.text).toBeGreaterThanOrEqual(4.5);
    await page.focus('#f-member-age');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineWidth);
    expect(Number.parseFloat(outline)).toBeGreaterThanOrEqual(2);
  });

  it('raised no script error and no content security policy violation', () => {
    // The member the error test makes unscorable is answered 400, which Chromium reports as a failed load.
    expect(consoleErrors.filter((m) => !/status of 400 \(Bad Request\)/.test(m))).toEqual([]);
  });
});

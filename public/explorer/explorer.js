// The explorer page's script (served as /explorer/explorer.js; no inline script, so the content
// security policy stays strict). It reads the what-if form, asks POST /explorer/score and puts the
// answer's Danish texts on the page. It holds no Danish of its own: the texts come from the server,
// from the answer or from the form's data attributes. Written by hand in plain JavaScript: a few dozen
// lines need no framework and no build step.

(() => {
  const form = document.getElementById('explorer-form');
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const out = {
    error: $('result-error'),
    probability: $('result-probability'),
    interval: $('result-interval'),
    group: $('result-group'),
    groupDescription: $('result-group-description'),
    referral: $('result-referral'),
    raising: $('factors-raising'),
    lowering: $('factors-lowering'),
    announcement: $('announcement'),
    result: $('result'),
  };
  const texts = form.dataset;
  let latest = 0;
  let timer;
  /** Busy while a request is on its way or an edit waits to be sent, so a reader (or a test) knows the result is not final. */
  const settle = () => out.result.setAttribute('aria-busy', timer === undefined ? 'false' : 'true');

  /** The request body from the form: each control is named by its API field (member.age), typed by data-type. */
  function body() {
    const input = { member: {}, questionnaire: { q10Barriers: [] } };
    const set = (path, value) => {
      const [group, name] = path.split('.');
      input[group][name] = value;
    };
    for (const el of form.elements) {
      const type = el.dataset?.type;
      if (!type || !el.name) continue;
      if (el.type === 'radio' && !el.checked) continue;
      if (type === 'int' || type === 'number') set(el.name, el.value.trim() === '' ? null : Number(el.value));
      else if (type === 'bool') set(el.name, el.checked);
      else if (type === 'nullable') set(el.name, el.value === '' ? null : el.value);
      else if (type === 'tristate') set(el.name, el.value === '' ? null : el.value === 'true');
      else if (type === 'code') set(el.name, el.value.trim() === '' ? null : el.value.trim());
      else if (type === 'list') {
        // A control in a disabled fieldset is disabled without its own `disabled` property saying so.
        if (el.checked && !el.matches(':disabled')) input.questionnaire.q10Barriers.push(el.value);
      } else set(el.name, el.value);
    }
    return input;
  }

  /** Barriers can be ticked only when question 10 is answered yes. */
  function syncBarriers() {
    const yes = form.querySelector('input[name="questionnaire.q10HasBarriers"][value="true"]');
    $('q10-barriers').disabled = !yes.checked;
  }

  /** The DISCO-08 major group's name next to the code field. */
  function syncDisco() {
    const code = form.elements['member.discoCode'].value.trim();
    const group = /^\d{4}(\d{2})?$/.test(code) ? document.querySelector(`[data-disco-group="${code[0]}"]`) : null;
    $('disco-group').textContent = group ? group.textContent : '';
  }

  function clearInvalid() {
    for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  }

  function showError(message, fields) {
    out.error.textContent = message;
    out.error.hidden = false;
    settle();
    for (const f of fields) {
      const el = form.elements[f];
      if (el && 'setAttribute' in el) el.setAttribute('aria-invalid', 'true');
    }
  }

  function factorItems(list, factors) {
    list.replaceChildren(
      ...(factors.length === 0
        ? [Object.assign(document.createElement('li'), { textContent: texts.noFactors, className: 'none' })]
        : factors.map((f) => {
            const li = document.createElement('li');
            const label = Object.assign(document.createElement('span'), { className: 'factor-label', textContent: f.label });
            const weight = Object.assign(document.createElement('span'), {
              className: 'factor-weight',
              textContent: ` – ${f.weight} (oddsratio ${f.oddsRatio})`,
            });
            const compared = Object.assign(document.createElement('span'), { className: 'hint', textContent: f.comparedWith });
            li.append(label, weight, document.createElement('br'), compared);
            return li;
          })),
    );
  }

  function show(answer) {
    const d = answer.display;
    const r = answer.result;
    out.error.hidden = true;
    out.probability.textContent = d.probability;
    out.probability.dataset.value = String(r.probability);
    out.interval.textContent = d.interval;
    out.interval.dataset.lower = String(r.probabilityInterval.lower);
    out.interval.dataset.upper = String(r.probabilityInterval.upper);
    out.group.textContent = d.group;
    out.group.dataset.value = r.subgroup ?? String(r.targetGroup);
    out.groupDescription.textContent = d.groupDescription;
    out.referral.textContent = d.referral;
    factorItems(out.raising, d.raising);
    factorItems(out.lowering, d.lowering);
    out.announcement.textContent = d.announcement;
    settle();
  }

  /** Scores the form's member; an answer to an older request than the latest is dropped. */
  async function score() {
    clearTimeout(timer);
    timer = undefined;
    const mine = ++latest;
    clearInvalid();
    out.result.setAttribute('aria-busy', 'true');
    let response;
    try {
      response = await fetch(texts.scoreUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body()),
        credentials: 'omit',
      });
    } catch {
      if (mine === latest) showError(texts.networkError, []);
      return;
    }
    const answer = await response.json().catch(() => null);
    if (mine !== latest) return;
    if (response.ok && answer) {
      form.dataset.scored = String(mine);
      show(answer);
    } else if (response.status === 429) {
      showError(texts.tooMany, []);
    } else {
      const errors = answer?.errors ?? [];
      const named = errors.map((e) => {
        const el = form.elements[e.field];
        const label = el && 'labels' in el && el.labels?.length ? el.labels[0].textContent : e.field;
        return `${label}: ${e.reason}`;
      });
      showError(
        `${texts.error} ${named.join('; ') || answer?.detail || response.status}`,
        errors.map((e) => e.field),
      );
    }
  }

  /** Typing in a number waits a moment, so one edit is one request; choices score at once. */
  function later() {
    clearTimeout(timer);
    timer = setTimeout(score, 300);
    out.result.setAttribute('aria-busy', 'true');
  }

  form.addEventListener('input', (event) => {
    if (event.target.name === 'member.discoCode') syncDisco();
    if (event.target.type === 'number' || event.target.type === 'text') later();
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'questionnaire.q10HasBarriers') syncBarriers();
    score();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    score();
  });
  syncBarriers();
  syncDisco();
  score();
})();

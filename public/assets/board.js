// The live launch board: the contract's LaunchBoard query once, then one
// ChecklistStatusChanged subscription per launch over graphql-ws.
(function () {
  var LAUNCH_BOARD = [
    'fragment LaunchSummary on Launch {',
    '  id name product tier status launchDate version',
    '  pmOwner { id name }',
    '  pmmOwner { id name }',
    '}',
    'query LaunchBoard($first: Int, $after: String, $filter: LaunchFilter, $orderBy: LaunchOrder) {',
    '  launches(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {',
    '    totalCount',
    '    pageInfo { hasNextPage endCursor }',
    '    edges {',
    '      cursor',
    '      node {',
    '        ...LaunchSummary',
    '        checklistStatus {',
    '          id totalCount closedCount percentComplete overdueCount blockedCount requiredOpenCount health',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');
  var STATUS_CHANGED = [
    'fragment ChecklistStatusFields on ChecklistStatus {',
    '  id launchId totalCount closedCount percentComplete overdueCount blockedCount requiredOpenCount health',
    '  byOwnerRole { role totalCount closedCount }',
    '  revision updatedAt',
    '}',
    'subscription ChecklistStatusChanged($launchId: ID!) {',
    '  checklistStatusChanged(launchId: $launchId) { ...ChecklistStatusFields }',
    '}',
  ].join('\n');

  // The contract's LaunchReadiness (readiness.graphql), verbatim: health with its reasons.
  var LAUNCH_READINESS = [
    'fragment ReadinessReasonFields on ReadinessReason {',
    '  code',
    '  severity',
    '  message',
    '  discipline',
    '  task {',
    '    id',
    '    title',
    '  }',
    '}',
    '',
    'fragment SignOffFields on LaunchSignOff {',
    '  id',
    '  discipline',
    '  verdict',
    '  note',
    '  signedBy {',
    '    id',
    '    name',
    '  }',
    '  signedAt',
    '  stale',
    '}',
    '',
    'fragment DecisionFields on LaunchDecision {',
    '  id',
    '  outcome',
    '  rationale',
    '  decidedBy {',
    '    id',
    '    name',
    '  }',
    '  decidedAt',
    '  stale',
    '  staleReasons',
    '  conditions {',
    '    description',
    '    owner {',
    '      id',
    '      name',
    '    }',
    '    dueDate',
    '  }',
    '}',
    '',
    'query LaunchReadiness($launchId: ID!) {',
    '  launch(id: $launchId) {',
    '    id',
    '    status',
    '    launchDate',
    '    launchedAt',
    '    checklistStatus {',
    '      id',
    '      health',
    '      reasons {',
    '        ...ReadinessReasonFields',
    '      }',
    '      byPhase {',
    '        phase',
    '        totalCount',
    '        closedCount',
    '        requiredOpenCount',
    '      }',
    '    }',
    '    requiredSignOffs',
    '    signOffs {',
    '      ...SignOffFields',
    '    }',
    '    currentDecision {',
    '      ...DecisionFields',
    '    }',
    '    decisions {',
    '      ...DecisionFields',
    '    }',
    '  }',
    '}',
  ].join('\n');

  var endpoint = new URL('/graphql', location.href).toString();
  var token = window.launchToken;
  var statusEl = document.getElementById('status');
  var tbody = document.getElementById('launches');
  var client = null;
  var revisions = {};

  function say(text, kind) {
    statusEl.textContent = text;
    statusEl.className = kind || '';
  }

  function cell(row, field) {
    return row.querySelector('[data-field="' + field + '"]');
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function renderStatus(row, s) {
    var health = cell(row, 'health');
    var reasons = cell(row, 'reasons');
    health.replaceChildren(text('span', s.health.replace('_', ' '), 'health ' + s.health));
    var counts = [];
    if (s.requiredOpenCount) counts.push(s.requiredOpenCount + ' required open');
    if (s.overdueCount) counts.push(s.overdueCount + ' overdue');
    if (s.blockedCount) counts.push(s.blockedCount + ' blocked');
    health.appendChild(text('div', counts.join(' · '), 'counts'));
    if (reasons) health.appendChild(reasons); // kept until the new reasons arrive
    var complete = cell(row, 'complete');
    var bar = document.createElement('span');
    bar.className = 'progress';
    var fill = document.createElement('span');
    fill.style.width = Math.min(100, s.percentComplete) + '%';
    bar.appendChild(fill);
    complete.replaceChildren(
      bar,
      text('span', s.percentComplete.toFixed(1) + '%', 'percent'),
      text('div', s.closedCount + ' of ' + s.totalCount + ' tasks closed', 'counts'),
    );
    row.dataset.percent = String(s.percentComplete);
    row.dataset.closed = String(s.closedCount);
  }

  function renderLaunch(launch) {
    var row = document.createElement('tr');
    row.dataset.launchId = launch.id;
    var name = document.createElement('td');
    name.append(
      text('strong', launch.name),
      text('div', launch.product + ' · ' + launch.tier, 'counts'),
    );
    var owners = document.createElement('td');
    owners.append(
      text('div', 'PM: ' + (launch.pmOwner ? launch.pmOwner.name : '—')),
      text('div', 'PMM: ' + (launch.pmmOwner ? launch.pmmOwner.name : '—')),
    );
    row.append(name, owners, text('td', launch.launchDate || '—'), text('td', launch.status));
    var health = document.createElement('td');
    health.dataset.field = 'health';
    var complete = document.createElement('td');
    complete.dataset.field = 'complete';
    row.append(health, complete);
    renderStatus(row, launch.checklistStatus);
    loadReasons(launch.id);
    return row;
  }

  /** Why the health is what it is: the contract's LaunchReadiness, reasons most severe first. */
  function renderReasons(row, reasons) {
    var list = document.createElement('ul');
    list.className = 'reasons';
    list.dataset.field = 'reasons';
    reasons.forEach(function (reason) {
      var item = text('li', reason.message, 'reason ' + reason.severity);
      item.dataset.code = reason.code;
      item.title = reason.code + (reason.task ? ' · ' + reason.task.title : '');
      list.appendChild(item);
    });
    var old = cell(row, 'reasons');
    if (old) old.replaceWith(list);
    else cell(row, 'health').appendChild(list);
  }

  var reasonsWanted = {};
  function loadReasons(launchId) {
    if (reasonsWanted[launchId]) return (reasonsWanted[launchId] = 'again');
    reasonsWanted[launchId] = 'once';
    var mine = generation;
    post(LAUNCH_READINESS, 'LaunchReadiness', { launchId: launchId })
      .then(function (body) {
        if (mine !== generation) return;
        var launch = body.data && body.data.launch;
        var row = tbody.querySelector('tr[data-launch-id="' + launchId + '"]');
        if (launch && row) renderReasons(row, launch.checklistStatus.reasons);
      })
      .catch(function () {}) // the counts stay; the next change tries again
      .then(function () {
        var again = reasonsWanted[launchId] === 'again';
        delete reasonsWanted[launchId];
        if (again && mine === generation) loadReasons(launchId);
      });
  }

  function post(query, operationName, variables) {
    return fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token.get() },
      body: JSON.stringify({ query: query, operationName: operationName, variables: variables }),
    }).then(function (res) {
      return res.json();
    });
  }

  function subscribe(launchId) {
    client.subscribe(
      { query: STATUS_CHANGED, variables: { launchId: launchId } },
      {
        next: function (result) {
          var s = result.data && result.data.checklistStatusChanged;
          if (!s || (revisions[launchId] || 0) > s.revision) return;
          revisions[launchId] = s.revision;
          var row = tbody.querySelector('tr[data-launch-id="' + launchId + '"]');
          if (row) renderStatus(row, s);
          loadReasons(launchId);
          say('Live: updated ' + new Date().toLocaleTimeString(), 'live');
        },
        error: function (error) {
          say('Live updates stopped: ' + describe(error), 'error');
        },
        complete: function () {},
      },
    );
  }

  function describe(error) {
    if (error && error.code === 4403) return 'the token was refused';
    if (Array.isArray(error)) return error.map((e) => e.message).join('; ');
    return (error && (error.reason || error.message)) || String(error);
  }

  var generation = 0;
  async function load() {
    var mine = ++generation;
    if (client) client.dispose();
    client = null;
    revisions = {};
    reasonsWanted = {};
    tbody.replaceChildren();
    var value = token.get();
    if (!value) return say('Enter a token to load the board.');
    say('Loading…');
    var body = await post(LAUNCH_BOARD, 'LaunchBoard', { first: 50 });
    if (mine !== generation) return; // a newer token was entered meanwhile
    if (body.errors) return say(describe(body.errors), 'error');
    var edges = body.data.launches.edges;
    edges.forEach(function (edge) {
      tbody.appendChild(renderLaunch(edge.node));
    });
    client = graphqlWs.createClient({
      url: endpoint.replace(/^http/, 'ws'),
      connectionParams: { authorization: 'Bearer ' + value },
      retryAttempts: Infinity,
    });
    edges.forEach(function (edge) {
      subscribe(edge.node.id);
    });
    say('Live: ' + edges.length + ' of ' + body.data.launches.totalCount + ' launches', 'live');
  }

  token.bind(document.getElementById('token'));
  token.onChange(function () {
    load().catch(function (error) {
      say(describe(error), 'error');
    });
  });
  load().catch(function (error) {
    say(describe(error), 'error');
  });
})();

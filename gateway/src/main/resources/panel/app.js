'use strict';
// The local panel: room map, locate, climate, status. Chinese first, English second; every text here.
const TEXT = {
  'zh-CN': {
    title: '智能档案库房', other: 'English', loading: '正在读取…', updated: '更新时间',
    tabMap: '库房地图', tabLocate: '查找档案', tabClimate: '温湿度', tabStatus: '系统状态',
    loginTitle: '登录', username: '用户名', password: '密码', login: '登录', logout: '退出', loginFailed: '登录失败',
    mode: '运行模式', NORMAL: '正常', VENTILATION: '通风', LOCKED: '锁定', MAINTENANCE: '维护', FIRE: '火警',
    range: '区', column: '列', aisle: '通道', open: '开通道', opened: '已打开', occupied: '有人', asked: '已请求打开通道',
    STOPPED: '停止', MOVING_FORWARD: '移动中…', MOVING_BACKWARD: '移动中…', UNKNOWN: '无信号', FIXED: '固定列', latched: '急停锁定',
    boardEmergencyStop: '急停按钮已按下', boardObstructionFront: '前侧检测到障碍', boardObstructionRear: '后侧检测到障碍',
    boardWentDown: '位置未知：列体移动时控制板断电或重启；{1}', boardMissedEdges: '编码器漏计 {1} 个脉冲，位置不可信；{2}',
    boardFirmwareFault: '控制板固件故障：{1}', boardRemedyHome: '请手动把列体推回固定端的原位',
    boardRemedyConfirm: '请量出列体实际位置，在控制板上确认后重启控制板（storeroom-node confirm-position --mm 位置）',
    locateHint: '档号、EPC、件号或身份证号', search: '查找', archiveNo: '档号', where: '存放位置', status: '状态',
    notFound: '没有找到', in: '在架', out: '已借出', openAisle: '打开此通道', guide: '亮灯指引', guideLit: '已亮灯：',
    protections: '八防检查', OK: '正常', ATTENTION: '需处理', OVERDUE: '逾期未查',
    last30d: '最近30天', lastYear: '最近一年', ago30d: '30天前', agoYear: '一年前', day24: '24小时', days30: '30天', year1: '一年',
    inBandThisMonth: '本月达标', hoursUnit: '小时', worstHours: '本月超标最严重的时段：', 'too warm': '偏热', 'too cold': '偏冷', 'too damp': '偏湿', 'too dry': '偏干',
    inspection: '记录巡检', inspectItem: '项目', inspectNote: '巡检说明', inspectOk: '正常', inspectProblem: '发现问题', inspectionRecorded: '已记录巡检：', lastInspection: '上次巡检',
    freshAirWindows: '新风时段', windowOpenNow: '现在在时段内', windowClosedNow: '现在不在时段内', outsideAir: '室外',
    daily: '每天', dayNames: '周一,周二,周三,周四,周五,周六,周日', dayRange: '至',
    band: '标准', dewPoint: '露点', ago24h: '24小时前', now: '现在', plant: '设备', noReading: '无读数', last24h: '最近24小时',
    AIR_CONDITIONER: '空调', DEHUMIDIFIER: '除湿机', HUMIDIFIER: '加湿器', VENTILATION_RELAY: '新风', DAMPERS: '防火阀',
    UP: '正常', DEGRADED: '部分异常', DOWN: '故障', unreachable: '无法连接网关',
    tabLoans: '借阅归还', tabInventory: '盘点', checkOut: '借出', giveBack: '归还', item: '档案', kindFile: '文件（件号）', kindBox: '档案盒（档号）',
    borrower: '借阅人', due: '归还期限', openLoans: '借出中', outBy: '经办人', outAt: '借出时间', noLoans: '没有借出的档案', overdue: '已逾期',
    checkedOut: '已借出：', returned: '已归还：', whereabouts: '档案去向', when: '时间', what: '事项', who: '经办人', note: '说明', noTrail: '没有记录',
    'check-out': '借出', return: '归还', moved: '移位（RFID读到）', departed: '不再读到（RFID）', 'gate-out': '出库房门', 'gate-in': '进库房门', 'inventory-missing': '盘点未找到', 'inventory-misplaced': '盘点发现错架',
    startInventory: '开始盘点', orColumns: '或列号（如 7,8）', scope: '范围', started: '开始时间', progress: '进度', running: '进行中', finished: '已完成',
    finish: '完成盘点', report: '报告', exportCsv: '导出CSV', inventoryStarted: '已开始盘点', found: '在位', missing: '缺失', misplaced: '错架', unexpected: '未登记标签',
    read: '读到标签', seenAt: '读到位置：第', columnSuffix: '列',
    resetAsk: '确认第', resetAskEnd: '列急停的原因已经排除（无人、无障碍物、急停按钮已复位）？复位不会使密集架移动。', resetYes: '确认复位', cancel: '取消', resetAsked: '已请求复位：第',
    saveUser: '保存用户', userHint: '填写已有的用户名即可修改其角色或重设密码（留空则不改）。', remove: '删除', revoke: '撤销', confirmRemove: '确认删除', confirmRevoke: '确认撤销',
    userUpdated: '已修改用户：', userRemoved: '已删除用户：', tokenRevoked: '已撤销令牌：',
    roomConfig: '库房配置', component: '组件', save: '保存', saved: '已保存：', nothingChanged: '没有修改', onKura: '在 Kura 上请在 Kura 网页界面（服务）中修改配置。', passwordSet: '已设置（不显示）', listHint: '每行一项',
    tabAdmin: '管理', users: '用户', roles: '角色', addUser: '添加用户', addToken: '机器令牌', tokenName: '名称', createToken: '生成令牌', userAdded: '已添加用户：',
    'role-viewer': '查看者', 'role-archivist': '档案员', 'role-facilities': '设施管理员', 'role-admin': '管理员', pickRole: '请至少选择一个角色',
    tokenOnce: '令牌只显示这一次，请立即保存：', auditLog: '审计日志', verify: '校验日志', auditTarget: '对象',
    intact: '日志完好：', entries: '条记录，末条哈希', broken: '日志被改动：第', brokenAt: '条',
    rehome: '归位并解锁', rehomeStarted: '已开始归位；每个区归位后将自动开始盘点', showOnMap: '在地图上显示', fault: '故障', stopBanner: '急停', stopHint: '排除原因后，设施管理员在库房地图上点该列复位', acknowledge: '确认报警', acknowledgedBy: '已确认：', soundOn: '声音：开', soundOff: '声音：关',
    fireBanner: '火警', preBanner: '预警', QUIET: '正常', PRE_ALARM: '预警', FIRST_ALARM: '火警', CONFIRMED: '火警确认', GAS_RELEASED: '气体已释放',
  },
  en: {
    title: 'Smart archive store room', other: '中文', loading: 'Loading…', updated: 'Updated',
    tabMap: 'Room map', tabLocate: 'Locate', tabClimate: 'Climate', tabStatus: 'Status',
    loginTitle: 'Log in', username: 'User name', password: 'Password', login: 'Log in', logout: 'Log out', loginFailed: 'Login failed',
    mode: 'Mode', NORMAL: 'Normal', VENTILATION: 'Ventilation', LOCKED: 'Locked', MAINTENANCE: 'Maintenance', FIRE: 'Fire',
    range: 'Range', column: 'Column', aisle: 'Aisle', open: 'Open aisle', opened: 'Open', occupied: 'Occupied', asked: 'Aisle asked for',
    STOPPED: 'Stopped', MOVING_FORWARD: 'MOVING…', MOVING_BACKWARD: 'MOVING…', UNKNOWN: 'No signal', FIXED: 'Fixed', latched: 'Latched stop',
    boardEmergencyStop: 'emergency stop', boardObstructionFront: 'obstruction front', boardObstructionRear: 'obstruction rear',
    boardWentDown: 'position unknown: the board went down while the carriage moved; {1}', boardMissedEdges: 'encoder missed {1} edge(s): position uncertain; {2}',
    boardFirmwareFault: 'firmware fault: {1}', boardRemedyHome: 'bring the carriage to its home stop by hand',
    boardRemedyConfirm: 'measure where the carriage stands and restart the board there (storeroom-node confirm-position --mm N)',
    locateHint: 'Archive no., EPC, file no. or ID number', search: 'Search', archiveNo: 'Archive no.', where: 'Storage point', status: 'Status',
    notFound: 'Nothing found', in: 'On the shelf', out: 'Checked out', openAisle: 'Open this aisle', guide: 'Light the guide', guideLit: 'Guide lit at',
    protections: 'Eight protections', OK: 'OK', ATTENTION: 'Attention', OVERDUE: 'Overdue',
    last30d: 'Last 30 days', lastYear: 'Last year', ago30d: '30 days ago', agoYear: 'a year ago', day24: '24 hours', days30: '30 days', year1: 'Year',
    inBandThisMonth: 'of hours in band this month', hoursUnit: 'h', worstHours: 'Worst hours outside the band this month:', 'too warm': 'too warm', 'too cold': 'too cold', 'too damp': 'too damp', 'too dry': 'too dry',
    inspection: 'Record an inspection', inspectItem: 'Item', inspectNote: 'What was found', inspectOk: 'All well', inspectProblem: 'Problem found', inspectionRecorded: 'Inspection recorded:', lastInspection: 'Last inspection',
    freshAirWindows: 'Fresh-air windows', windowOpenNow: 'open now', windowClosedNow: 'closed now', outsideAir: 'outside',
    daily: 'daily', dayNames: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun', dayRange: '–',
    band: 'Band', dewPoint: 'Dew point', ago24h: '24 h ago', now: 'now', plant: 'Plant', noReading: 'No reading', last24h: 'Last 24 hours',
    AIR_CONDITIONER: 'Air conditioner', DEHUMIDIFIER: 'Dehumidifier', HUMIDIFIER: 'Humidifier', VENTILATION_RELAY: 'Ventilation', DAMPERS: 'Dampers',
    UP: 'OK', DEGRADED: 'Degraded', DOWN: 'Down', unreachable: 'Cannot reach the gateway',
    tabLoans: 'Loans', tabInventory: 'Inventory', checkOut: 'Check out', giveBack: 'Return', item: 'Item', kindFile: 'File (file no.)', kindBox: 'Box (archive no.)',
    borrower: 'Borrower', due: 'Due back', openLoans: 'Checked out now', outBy: 'By', outAt: 'Out since', noLoans: 'Nothing is checked out', overdue: 'overdue',
    checkedOut: 'Checked out: ', returned: 'Returned: ', whereabouts: 'Whereabouts', when: 'When', what: 'What', who: 'By', note: 'Note', noTrail: 'No records',
    'check-out': 'Check-out', return: 'Return', moved: 'Moved (read by RFID)', departed: 'No longer read (RFID)', 'gate-out': 'Out through the door', 'gate-in': 'In through the door', 'inventory-missing': 'Not found by an inventory', 'inventory-misplaced': 'Found misplaced by an inventory',
    startInventory: 'Start an inventory', orColumns: 'or columns (e.g. 7,8)', scope: 'Scope', started: 'Started', progress: 'Progress', running: 'running', finished: 'finished',
    finish: 'Finish', report: 'Report', exportCsv: 'Export CSV', inventoryStarted: 'Inventory started', found: 'Found', missing: 'Missing', misplaced: 'Misplaced', unexpected: 'Unknown tags',
    read: 'tags read', seenAt: 'read at column ', columnSuffix: '',
    resetAsk: 'Is the cause of the latched stop of column', resetAskEnd: ' gone (nobody in the way, no obstacle, emergency stop released)? A reset never moves the shelving.', resetYes: 'Reset', cancel: 'Cancel', resetAsked: 'Reset asked for column',
    saveUser: 'Save the user', userHint: "Give an existing user name to change that user's roles or password (left empty: unchanged).", remove: 'Remove', revoke: 'Revoke', confirmRemove: 'Really remove', confirmRevoke: 'Really revoke',
    userUpdated: 'User changed: ', userRemoved: 'User removed: ', tokenRevoked: 'Token revoked: ',
    roomConfig: 'Room configuration', component: 'Component', save: 'Save', saved: 'Saved: ', nothingChanged: 'Nothing changed', onKura: "On Kura, change settings in Kura's web UI (Services).", passwordSet: 'set (not shown)', listHint: 'one per line',
    tabAdmin: 'Admin', users: 'Users', roles: 'Roles', addUser: 'Add a user', addToken: 'Machine token', tokenName: 'Name', createToken: 'Create the token', userAdded: 'User added: ',
    'role-viewer': 'viewer', 'role-archivist': 'archivist', 'role-facilities': 'facilities', 'role-admin': 'admin', pickRole: 'Choose at least one role',
    tokenOnce: 'The token is shown this once; keep it now: ', auditLog: 'Audit log', verify: 'Verify the log', auditTarget: 'On',
    intact: 'The log is intact: ', entries: 'entries, last hash', broken: 'The log was changed: entry', brokenAt: '',
    rehome: 'Re-home and unlock', rehomeStarted: 'Re-homing; each range is counted by RFID once it is home', showOnMap: 'Show on the map', fault: 'Fault', stopBanner: 'STOPPED', stopHint: 'once the cause is gone, facilities staff reset the column on the room map', acknowledge: 'Acknowledge', acknowledgedBy: 'acknowledged by', soundOn: 'Sound: on', soundOff: 'Sound: off',
    fireBanner: 'FIRE', preBanner: 'Pre-alarm', QUIET: 'Quiet', PRE_ALARM: 'Pre-alarm', FIRST_ALARM: 'Fire alarm', CONFIRMED: 'Fire confirmed', GAS_RELEASED: 'Gas released',
  },
};
let lang = localStorage.getItem('lang') || 'zh-CN';
let session = null;
let screen = localStorage.getItem('screen') || 'map';
let timer = null;
const $ = (id) => document.getElementById(id);
const t = (key) => (TEXT[lang] && TEXT[lang][key]) || key;

// The column boards say why they stopped, and what is wrong, in English; the panel says it in its own
// language. A text it does not know is shown as the board said it.
const BOARD_TEXT = [
  [/^emergency stop$/, 'boardEmergencyStop'],
  [/^obstruction front$/, 'boardObstructionFront'],
  [/^obstruction rear$/, 'boardObstructionRear'],
  [/^position unknown: the board went down while the carriage moved; (.+)$/, 'boardWentDown'],
  [/^encoder missed (\d+) edges?: position uncertain; (.+)$/, 'boardMissedEdges'],
  [/^firmware fault: (.+)$/, 'boardFirmwareFault'],
];
// A remedy the board names, by the English table's words for it (which are the board's).
const boardRemedy = (said) => ['boardRemedyHome', 'boardRemedyConfirm'].find((k) => TEXT.en[k] === said);
function boardText(said) {
  if (lang === 'en' || !said) { return said; }
  for (const [pattern, key] of BOARD_TEXT) {
    const m = pattern.exec(said);
    if (m) { return t(key).replace(/\{(\d)\}/g, (_, i) => (boardRemedy(m[i]) ? t(boardRemedy(m[i])) : m[i])); }
  }
  return said;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') { e.textContent = v; } else if (k.startsWith('data-')) { e.setAttribute(k, v); } else { e[k] = v; }
  }
  e.append(...children);
  return e;
}

async function api(method, path, body) {
  const headers = { 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  if (method !== 'GET' && session) { headers['X-CSRF-Token'] = session.csrf; }
  const r = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = await r.json().catch(() => ({}));
  if (r.status === 401 && path !== '/session') { showLogin(); }
  return { status: r.status, data };
}

function translate() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  $('lang').textContent = t('other');
}

function showLogin() {
  session = null;
  roomNow = null;
  locatedColumn = null;
  clearInterval(timer);
  closeStreams();
  $('tabs').hidden = true;
  $('logout').hidden = true;
  $('user').textContent = '';
  document.querySelectorAll('.screen').forEach((s) => { s.hidden = true; });
  $('login').hidden = false;
}

// Live views arrive as server-sent events: the gateway sends the whole view whenever it changes.
const streams = {};
function stream(name, path, onData) {
  closeStream(name);
  const es = new EventSource('/api/v1' + path);
  streams[name] = es;
  es.addEventListener(name, (e) => { offline(false); onData(JSON.parse(e.data)); });
  es.addEventListener('end', () => { closeStream(name); showLogin(); });
  es.onerror = async () => {
    if (es.readyState !== EventSource.CLOSED) { offline(true); return; } // the browser comes back by itself
    // Refused outright: logged out (the session check shows the login), or the gateway is busy: try again.
    const me = await api('GET', '/session').catch(() => ({ status: 0 }));
    if (me.status === 401 || streams[name] !== es) { return; }
    setTimeout(() => { if (streams[name] === es) { stream(name, path, onData); } }, 2000);
  };
}
function closeStream(name) {
  if (streams[name]) { streams[name].close(); delete streams[name]; }
}
function closeStreams() { Object.keys(streams).forEach(closeStream); }

function show(name) {
  screen = name;
  localStorage.setItem('screen', name);
  $('login').hidden = true;
  $('tabs').hidden = false;
  $('logout').hidden = false;
  document.querySelectorAll('.screen').forEach((s) => { s.hidden = s.id !== name; });
  document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  clearInterval(timer);
  if (name === 'admin') { drawConfig(false); } // once per visit: a form being edited must stay as it is
  refresh();
  timer = setInterval(refresh, name === 'inventory' ? 1000 : 5000); // an inventory's progress moves by the second
}

async function refresh() {
  try {
    if (screen === 'climate') { await drawClimate(); } else if (screen === 'status') { await drawStatus(); } else if (screen === 'loans') { await drawLoans(); } else if (screen === 'inventory') { await drawInventory(); } else if (screen === 'admin') { await drawAdmin(); }
  } catch (e) {
    offline(true);
  }
}

// Alarms on every screen: fire first. An unreachable gateway shows only when no alarm does.
let fireNow = null;
let bannerKey = '';
let unreachable = false;
function offline(yes) {
  if (unreachable !== yes) { unreachable = yes; banner(); }
}
function banner(fire = fireNow) {
  fireNow = fire;
  const b = $('banner');
  const alarm = fire && fire.stage !== 'QUIET' && fire.stage !== 'PRE_ALARM';
  // After fire: columns latched stopped (an obstruction, an emergency stop), then pre-alarms and faults.
  const cols = roomNow ? roomNow.columns : [];
  const latched = cols.filter((c) => c.latchedStop);
  const faulty = cols.filter((c) => c.faults && c.faults.length > 0).map((c) => `${c.column}${t('columnSuffix')}: ${c.faults.map(boardText).join(', ')}`);
  const warnings = fire ? [...fire.preAlarms, ...fire.faults] : [];
  const warning = !alarm && (latched.length > 0 || warnings.length > 0 || faulty.length > 0);
  if (alarm || warning) {
    b.hidden = false;
    b.className = alarm || latched.length > 0 ? 'banner fire' : 'banner warn';
    const text = alarm ? `${t('fireBanner')} · ${t(fire.stage)} · ${fire.fireDetectors.join(', ')}`
      : latched.length > 0 ? `${t('stopBanner')} · ${latched.map((c) => `${t('column')} ${c.column}: ${boardText(c.latchedStop)}`).join('; ')}`
        : `${t('preBanner')} · ${[...warnings, ...faulty].join(', ')}`;
    const fireShowing = alarm || warnings.length > 0; // what the fire linkage shows can be acknowledged
    // Redrawn only when it changes: the room view arrives many times a second while columns move, and a
    // button replaced under a finger loses the touch.
    const key = `${b.className}|${text}|${JSON.stringify(fireShowing && fire.acknowledged)}|${lang}|${session && session.username}`;
    if (key === bannerKey) { return soundFor(alarm, latched, warnings, fire); }
    bannerKey = key;
    const parts = [el('span', { text })];
    if (!alarm && latched.length > 0) {
      parts.push(el('small', { text: t('stopHint') }));
    } else if (fireShowing && fire.acknowledged) {
      parts.push(el('small', { text: ` · ${t('acknowledgedBy')} ${fire.acknowledged.by.replace(/^user:/, '')}` }));
    } else if (fireShowing && session && ['archivist', 'facilities', 'admin'].some((r) => session.roles.includes(r))) {
      const ack = el('button', { type: 'button', id: 'acknowledge', text: t('acknowledge') });
      ack.addEventListener('click', async () => { const r = await api('POST', '/fire/acknowledge', {}); if (r.status !== 200) { b.append(` · ${r.data.message}`); } });
      parts.push(ack);
    }
    b.replaceChildren(...parts);
  } else if (unreachable) {
    bannerKey = '';
    b.hidden = false;
    b.className = 'banner bad';
    b.textContent = t('unreachable');
  } else {
    bannerKey = '';
    b.hidden = true;
  }
  soundFor(alarm, latched, warnings, fire);
}

// Sounds until acknowledged; a latched stop sounds until it is reset, since that is its acknowledgement.
function soundFor(alarm, latched, warnings, fire) {
  const quietFire = fire && fire.acknowledged;
  sounding(alarm ? !quietFire : latched.length > 0 || (warnings.length > 0 && !quietFire), alarm || latched.length > 0);
}

// The audible alarm: a beep every second while an alarm shows unacknowledged, if this panel has sound on.
// Browsers start audio only after a touch, so the sound button (or the first touch after a reload) enables it.
let soundOn = localStorage.getItem('sound') === 'on';
let audio = null;
let beeper = null;
let urgent = false;
function sounding(yes, fire) {
  urgent = fire;
  const on = yes && soundOn;
  document.body.dataset.alarmSound = on ? 'on' : 'off';
  if (on && !beeper) {
    beeper = setInterval(beep, 1000);
    beep();
  } else if (!on && beeper) {
    clearInterval(beeper);
    beeper = null;
  }
}
function beep() {
  if (!audio) { return; }
  if (audio.state !== 'running') { audio.resume(); }
  const o = audio.createOscillator();
  const g = audio.createGain();
  o.frequency.value = urgent ? 880 : 660;
  g.gain.value = 0.25;
  o.connect(g).connect(audio.destination);
  o.start();
  o.stop(audio.currentTime + (urgent ? 0.6 : 0.2));
}
function enableAudio() {
  if (!audio && soundOn) { audio = new AudioContext(); }
}
function soundButton() {
  $('sound').textContent = soundOn ? t('soundOn') : t('soundOff');
  $('sound').setAttribute('aria-pressed', String(soundOn));
}

// The map is built once per layout and then updated in place, so a button never vanishes under a finger.
let mapLayout = '';
let locatedColumn = null; // the column of the last box located, marked on the map
let roomNow = null;
function drawMap(room = roomNow) {
  roomNow = room;
  if (!room) { return; }
  $('mode').textContent = t(room.mode);
  $('mode').dataset.mode = room.mode;
  // After a fire's all-clear the shelving stays locked until facilities staff bring it home.
  $('rehome').hidden = !(room.mode === 'LOCKED' && session && (session.roles.includes('facilities') || session.roles.includes('admin')));
  const root = $('ranges');
  const layout = lang + JSON.stringify(room.ranges.map((r) => [r.id, r.columns]));
  if (layout !== mapLayout) {
    mapLayout = layout;
    root.replaceChildren();
    for (const r of room.ranges) {
      const rail = el('div', { className: 'rail' });
      r.columns.forEach((c, i) => {
        if (i > 0) {
          const id = `${r.id}-${i}`;
          const gap = el('button', { type: 'button', className: 'aisle', 'data-aisle': id, title: `${t('aisle')} ${id}` });
          gap.addEventListener('click', () => openAisle(id));
          rail.append(gap);
        }
        const col = el('div', { className: 'column', 'data-column': c }, el('strong', { text: `${c}` }), el('span'));
        col.addEventListener('click', () => askReset(c, col));
        rail.append(col);
      });
      root.append(el('div', { className: 'range', 'data-range': r.id }, el('h3', { text: `${t('range')} ${r.id}` }), rail));
    }
  }
  for (const a of room.aisles) {
    const gap = root.querySelector(`[data-aisle="${a.id}"]`);
    if (!gap) { continue; }
    gap.classList.toggle('open', a.open);
    gap.classList.toggle('occupied', a.occupied);
    gap.textContent = a.open ? t('opened') : `${a.aisle}`;
  }
  for (const s of room.columns) {
    const col = root.querySelector(`[data-column="${s.column}"]`);
    if (!col) { continue; }
    const motion = s.fixed ? 'FIXED' : (s.fresh === false ? 'UNKNOWN' : s.motion);
    col.dataset.motion = motion;
    const faults = s.faults && s.faults.length > 0;
    col.classList.toggle('latched', Boolean(s.latchedStop));
    col.classList.toggle('fault', faults);
    col.classList.toggle('located', s.column === locatedColumn);
    col.title = faults ? s.faults.map(boardText).join(', ') : '';
    col.lastChild.textContent = s.latchedStop ? t('latched') : faults ? t('fault') : t(motion);
  }
}

// A latched stop is cleared by facilities staff only, after they confirm its cause is gone; a reset never moves anything.
function askReset(column, col) {
  if (!col.classList.contains('latched') || !(session.roles.includes('facilities') || session.roles.includes('admin'))) { return; }
  const box = $('confirm');
  const yes = el('button', { type: 'button', className: 'danger', text: t('resetYes') });
  const no = el('button', { type: 'button', text: t('cancel') });
  no.addEventListener('click', () => { box.hidden = true; });
  yes.addEventListener('click', async () => {
    box.hidden = true;
    const r = await api('POST', `/columns/${column}/reset`);
    say('map-message', r, `${t('resetAsked')} ${column}`);
  });
  box.replaceChildren(el('p', { text: `${t('resetAsk')} ${column}${t('resetAskEnd')}` }), yes, no);
  box.dataset.column = column;
  box.hidden = false;
}

async function openAisle(id) {
  const r = await api('POST', `/aisles/${id}/open`);
  const m = $('map-message');
  m.className = 'message ' + (r.status === 202 ? 'ok' : 'bad');
  m.textContent = r.status === 202 ? `${t('asked')} ${id}` : r.data.message;
}

async function locate(q) {
  const r = await api('GET', '/locate?q=' + encodeURIComponent(q));
  const body = $('results').tBodies[0];
  body.replaceChildren();
  const m = $('locate-message');
  m.textContent = '';
  if (r.status !== 200) { m.textContent = r.data.message || t('notFound'); return; }
  const items = r.data.hits || [];
  if (items.length === 0) { m.textContent = t('notFound'); return; }
  for (const it of items) {
    const column = /^C0*([0-9]+)-/.exec(it.point || '');
    const see = el('button', { type: 'button', text: t('showOnMap') });
    see.disabled = !column;
    see.addEventListener('click', () => { locatedColumn = Number(column[1]); show('map'); drawMap(); });
    const go = el('button', { type: 'button', text: t('openAisle') });
    go.disabled = !it.aisle;
    go.addEventListener('click', async () => { locatedColumn = column ? Number(column[1]) : null; show('map'); drawMap(); await openAisle(it.aisle); });
    const light = el('button', { type: 'button', text: t('guide') });
    light.disabled = !it.point;
    light.addEventListener('click', async () => {
      const g = await api('POST', '/guide', { q: it.archiveNo || it.fileNo });
      m.className = 'message ' + (g.status === 200 ? 'ok' : 'bad');
      m.textContent = g.status === 200 ? `${t('guideLit')} ${g.data.label}` : g.data.message;
    });
    body.append(el('tr', {}, el('td', { text: it.archiveNo || it.fileNo || '' }), el('td', { text: it.pointLabel || it.point || '' }),
      el('td', { text: it.aisle || '' }), el('td', { text: it.status === 'out' ? t('out') : t('in') }), el('td', {}, see, go, light)));
  }
}

// A 24-hour plot of temperature and humidity against the band, drawn as SVG.
function plot(points, band, hours) {
  const W = 640; const H = 180; const P = 30;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'plot');
  const mk = (tag, attrs) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); } return e; };
  const now = Date.now(); const from = now - hours * 3600 * 1000;
  const x = (ts) => P + (W - 2 * P) * (Date.parse(ts) - from) / (now - from);
  const yT = (c) => H - P - (H - 2 * P) * (c - 10) / 20;       // 10..30 °C
  const yH = (h) => H - P - (H - 2 * P) * (h - 30) / 50;       // 30..80 %RH
  svg.append(mk('rect', { x: P, y: yT(band.maxCelsius), width: W - 2 * P, height: yT(band.minCelsius) - yT(band.maxCelsius), class: 'band-t' }));
  svg.append(mk('rect', { x: P, y: yH(band.maxHumidity), width: W - 2 * P, height: yH(band.minHumidity) - yH(band.maxHumidity), class: 'band-h' }));
  const line = (f, cls) => mk('polyline', { points: points.map((p) => `${x(p.ts).toFixed(1)},${f(p).toFixed(1)}`).join(' '), class: cls });
  svg.append(line((p) => yT(p.celsius), 'line-t'), line((p) => yH(p.humidity), 'line-h'));
  const last = points[points.length - 1];
  if (last) { // the latest minute, also when it is the only one
    svg.append(mk('circle', { cx: x(last.ts), cy: yT(last.celsius), r: 4, class: 'dot-t' }), mk('circle', { cx: x(last.ts), cy: yH(last.humidity), r: 4, class: 'dot-h' }));
  }
  const label = (x0, y0, text, cls) => { const e = mk('text', { x: x0, y: y0, class: cls }); e.textContent = text; return e; };
  for (const c of [10, 20, 30]) { svg.append(label(2, yT(c) + 4, `${c}°C`, 'legend-t')); }
  for (const h of [30, 55, 80]) { svg.append(label(W - P + 2, yH(h) + 4, `${h}%`, 'legend-h')); }
  svg.append(label(P, H - 8, t(PERIODS[hours].ago), 'legend'), label(W - P - 24, H - 8, t('now'), 'legend'));
  return svg;
}

// Plots over a day (minutes), a month and a year (hourly means); long ones are fetched again once a minute.
const PERIODS = { 24: { title: 'last24h', ago: 'ago24h' }, 720: { title: 'last30d', ago: 'ago30d' }, 8760: { title: 'lastYear', ago: 'agoYear' } };
let period = 24;
const histories = {};
async function history(zone) {
  const key = `${zone}/${period}`;
  const h = histories[key];
  if (h && Date.now() - h.at < (period === 24 ? 5000 : 60000)) { return h.data; }
  const r = await api('GET', `/climate/history?zone=${encodeURIComponent(zone)}&hours=${period}`);
  if (r.status !== 200) { return null; }
  histories[key] = { at: Date.now(), data: r.data };
  return r.data;
}

/** Days (ISO numbers, 1 = Monday) as people write them: daily, Mon–Fri, Sat, Sun; runs of three or more as a range. */
function dayText(days) {
  if (days.length === 7) { return t('daily'); }
  const names = t('dayNames').split(',');
  const parts = [];
  let run = [];
  for (let d = 1; d <= 8; d++) {
    if (d <= 7 && days.includes(d)) { run.push(d); continue; }
    if (run.length >= 3) { parts.push(names[run[0] - 1] + t('dayRange') + names[run[run.length - 1] - 1]); } else { run.forEach((r) => parts.push(names[r - 1])); }
    run = [];
  }
  return parts.join(lang === 'zh-CN' ? '、' : ', ');
}

async function drawClimate() {
  const month = new Date().toISOString().slice(0, 7);
  const [c, p] = await Promise.all([api('GET', '/climate'), api('GET', '/protections')]);
  if (c.status !== 200) { return; }
  document.querySelectorAll('#periods button').forEach((b) => b.classList.toggle('active', Number(b.dataset.hours) === period));
  const cards = [];
  for (const z of c.data.zones) {
    const [h, m] = await Promise.all([history(z.zone), api('GET', `/climate/compliance?zone=${encodeURIComponent(z.zone)}&month=${month}`)]);
    const now = z.celsius === null ? t('noReading') : `${z.celsius.toFixed(1)} °C · ${z.humidity.toFixed(0)} %RH · ${t('dewPoint')} ${z.dewPoint} °C`;
    const plant = Object.entries(z.plant).filter(([k, v]) => v === true).map(([k]) => t(k === 'VENTILATION' ? 'VENTILATION_RELAY' : k)).join('、');
    const card = el('div', { className: 'zone' + (z.inBand === false ? ' out' : ''), 'data-zone': z.zone },
      el('h3', { text: z.zone }), el('p', { className: 'reading', text: now }),
      el('p', { text: `${t('band')} ${z.band.minCelsius}–${z.band.maxCelsius} °C, ${z.band.minHumidity}–${z.band.maxHumidity} %RH` }),
      el('p', { text: `${t('plant')}: ${plant || '—'}` }));
    const fresh = z.freshAir;
    if (fresh && fresh.windows.length > 0) {
      const outside = fresh.outside ? ` · ${t('outsideAir')} ${fresh.outside.celsius} °C ${fresh.outside.humidity} %RH` : '';
      const windows = fresh.windows.map((w) => `${dayText(w.days)} ${w.from}–${w.to}`).join(', ');
      card.append(el('p', { className: 'fresh-air', text: `${t('freshAirWindows')}: ${windows} (${t(fresh.windowOpen ? 'windowOpenNow' : 'windowClosedNow')})${outside}` }));
    }
    card.append(el('h4', { text: t(PERIODS[period].title) }));
    if (h) { card.append(plot(h.points, z.band, period)); }
    if (m.status === 200) { card.append(compliance(m.data)); }
    cards.push(card);
  }
  $('zones').replaceChildren(...cards);
  const list = $('protections');
  const pick = $('inspect-item');
  if (p.status === 200) {
    list.replaceChildren(...p.data.protections.map((it) => {
      const last = it.lastInspection ? `${t('lastInspection')} ${time(Date.parse(it.lastInspection.at))} · ${it.lastInspection.by.replace(/^user:/, '')}`
        + ` · ${it.lastInspection.ok ? t('inspectOk') : t('inspectProblem')}${it.lastInspection.note ? ' · ' + it.lastInspection.note : ''}` : '';
      return el('li', { 'data-status': it.status, 'data-item': it.id }, el('strong', { text: `${it.name} · ${t(it.status)}` }),
        el('span', { text: it.why }), el('small', { text: last }));
    }));
    const names = p.data.protections.map((it) => `${it.id}=${it.name}`).join('|');
    if (pick.dataset.names !== names) { // rebuilt only when the list changes, so a choice being made stays
      pick.dataset.names = names;
      pick.replaceChildren(...p.data.protections.map((it) => el('option', { value: it.id, text: it.name })));
    }
  }
}

// This month's share of hours in band and the worst hours outside it, with what was wrong.
function compliance(c) {
  const k = c.compliance;
  const box = el('div', { className: 'compliance', 'data-month': c.month });
  box.append(el('p', {}, el('strong', { text: k.inBandPct === null ? '—' : `${k.inBandPct} %` }),
    ` ${t('inBandThisMonth')} (${k.hoursInBand} / ${k.hours} ${t('hoursUnit')})`));
  if (k.worst.length > 0) {
    box.append(el('p', { text: t('worstHours') }),
      el('ul', {}, ...k.worst.map((w) => el('li', { text: `${time(Date.parse(w.hour))} · ${w.celsius} °C · ${w.humidity} %RH · ${t(w.what)} · ${w.why}` }))));
  }
  return box;
}

async function inspect(ok) {
  const id = $('inspect-item').value;
  const r = await api('POST', `/protections/${encodeURIComponent(id)}/inspections`, { ok, note: $('inspect-note').value.trim() });
  if (say('inspect-message', r, `${t('inspectionRecorded')} ${$('inspect-item').selectedOptions[0].text}`)) {
    $('inspect-note').value = '';
    await drawClimate();
  }
}

// --- loans: check-out, return, whereabouts ---
const day = (ms) => new Date(ms).toLocaleDateString(lang);
const time = (ms) => new Date(ms).toLocaleString(lang);
const itemText = (item) => item.replace(/^box:/, lang === 'en' ? 'box ' : '盒 ').replace(/^file:/, lang === 'en' ? 'file ' : '件 ');

function say(id, r, okText) {
  const m = $(id);
  const ok = r.status >= 200 && r.status < 300;
  m.className = 'message ' + (ok ? 'ok' : 'bad');
  m.textContent = ok ? okText : (r.data.message || r.status);
  return ok;
}

async function checkOut() {
  const item = `${$('loan-kind').value}:${$('loan-no').value.trim()}`;
  const body = { item, borrower: $('loan-borrower').value.trim() };
  if ($('loan-due').value) { body.due = $('loan-due').value; }
  const r = await api('POST', '/loans', body);
  if (say('loan-message', r, `${t('checkedOut')}${itemText(item)} → ${body.borrower}`)) {
    $('loan-no').value = '';
    $('loan-borrower').value = '';
    await drawLoans();
  }
}

async function giveBack(item) {
  const r = await api('POST', '/loans/return', { item });
  if (say('loan-message', r, `${t('returned')}${itemText(item)}`)) { await drawLoans(); }
}

async function drawLoans() {
  const r = await api('GET', '/loans');
  if (r.status !== 200) { return; }
  const body = $('loan-list').tBodies[0];
  body.replaceChildren();
  if (r.data.loans.length === 0) { body.append(el('tr', {}, el('td', { colSpan: 6, text: t('noLoans') }))); }
  const now = Date.now();
  for (const l of r.data.loans) {
    const back = el('button', { type: 'button', text: t('giveBack') });
    back.addEventListener('click', () => giveBack(l.item));
    const late = l.dueMs > 0 && l.dueMs < now;
    body.append(el('tr', { 'data-item': l.item }, el('td', { text: itemText(l.item) }), el('td', { text: l.borrower }),
      el('td', { text: l.outBy.replace(/^user:/, '') }), el('td', { text: time(l.outMs) }),
      el('td', { className: late ? 'late' : '', text: l.dueMs > 0 ? day(l.dueMs) + (late ? ` · ${t('overdue')}` : '') : '—' }), el('td', {}, back)));
  }
}

// The trail's notes (the other party "to X" / "from X", RFID moves and departures) in the panel's language.
function noteText(note) {
  if (lang === 'en') { return note; }
  return note.replace(/^to (.*)$/, '借给 $1').replace(/^from (.*)$/, '由 $1 归还')
    .replace(/^read at (.*), before at (.*)$/, '在 $1 读到，之前在 $2')
    .replace(/^not read at (.*) for (\d+) min while it read others$/, '$1 的天线仍在读其他标签，已 $2 分钟未读到');
}

// A session's scope as the panel's language says it: "range A" or "columns [7, 8]".
function scopeText(s) {
  const range = /^range (.+)$/.exec(s.scope);
  if (range) { return `${t('range')} ${range[1]}`; }
  return lang === 'en' ? `columns ${s.columns.join(', ')}` : `第 ${s.columns.join('、')} 列`;
}

async function trail(item) {
  const r = await api('GET', '/whereabouts?item=' + encodeURIComponent(item));
  const body = $('trail').tBodies[0];
  body.replaceChildren();
  if (r.status !== 200) { body.append(el('tr', {}, el('td', { colSpan: 6, text: r.data.message || r.status }))); return; }
  if (r.data.trail.length === 0) { body.append(el('tr', {}, el('td', { colSpan: 6, text: t('noTrail') }))); }
  for (const s of r.data.trail) {
    body.append(el('tr', {}, el('td', { text: time(s.atMs) }), el('td', { text: itemText(s.item) }), el('td', { text: t(s.what) }),
      el('td', { text: s.place || '' }), el('td', { text: (s.actor || '').replace(/^user:/, '') }), el('td', { text: noteText(s.note || '') })));
  }
}

// --- inventory: start, live progress, finish, report, export ---
let shownReport = null;
async function startInventory() {
  const cols = $('inventory-columns').value.split(/[,，\s]+/).filter((c) => c !== '').map(Number);
  const body = cols.length > 0 ? { columns: cols } : { range: $('inventory-range').value };
  const r = await api('POST', '/inventory', body);
  if (say('inventory-message', r, `${t('inventoryStarted')} #${r.data.id}`)) {
    $('inventory-columns').value = '';
    await drawInventory();
  }
}

async function drawInventory() {
  const [list, ranges] = await Promise.all([api('GET', '/inventory?limit=10'), api('GET', '/ranges')]);
  if (list.status !== 200) { return; }
  const pick = $('inventory-range');
  if (ranges.status === 200 && pick.options.length !== ranges.data.ranges.length) {
    pick.replaceChildren(...ranges.data.ranges.map((g) => el('option', { value: g.id, text: `${t('range')} ${g.id}` })));
  }
  const archivist = session.roles.includes('archivist') || session.roles.includes('admin');
  const body = $('inventory-list').tBodies[0];
  body.replaceChildren();
  for (const s of list.data.sessions) {
    const open = s.endedMs === null || s.endedMs === undefined;
    const bar = el('progress', { max: Math.max(1, s.expected), value: Math.min(s.found, s.expected) });
    const actions = el('td');
    if (open && archivist) {
      const done = el('button', { type: 'button', text: t('finish') });
      done.addEventListener('click', async () => {
        const f = await api('POST', `/inventory/${s.id}/finish`, {});
        if (say('inventory-message', f, `#${s.id} ${t('finished')}`)) { showReport(f.data); await drawInventory(); }
      });
      actions.append(done);
    } else if (!open) {
      const see = el('button', { type: 'button', text: t('report') });
      see.addEventListener('click', async () => { const f = await api('GET', `/inventory/${s.id}/report`); if (f.status === 200) { showReport(f.data); } });
      actions.append(see, ' ', el('a', { className: 'button', href: `/api/v1/inventory/${s.id}/report?format=csv`, text: t('exportCsv') }));
    }
    body.append(el('tr', { 'data-session': s.id, 'data-state': open ? 'running' : 'finished' }, el('td', { text: `${s.id}` }), el('td', { text: scopeText(s) }),
      el('td', { text: s.startedBy.replace(/^user:/, '') }), el('td', { text: time(s.startedMs) }),
      el('td', {}, bar, el('span', { className: 'count', text: ` ${s.found} / ${s.expected} · ${s.read} ${t('read')} · ${t(open ? 'running' : 'finished')}` })), actions));
  }
  if (shownReport !== null && !list.data.sessions.some((s) => s.id === shownReport)) { $('report').hidden = true; }
}

function showReport(rep) {
  shownReport = rep.session;
  const box = $('report');
  box.hidden = false;
  const count = (verdict, n) => el('span', { 'data-verdict': verdict }, el('strong', { text: `${n}` }), ` ${t(verdict)}`);
  const rows = (verdict, items, text) => items.length === 0 ? [] : [el('h4', { text: `${t(verdict)} (${items.length})` }),
    el('ul', { 'data-list': verdict }, ...items.slice(0, 200).map((i) => el('li', { text: text(i) })))];
  box.replaceChildren(el('h3', { text: `${t('report')} #${rep.session} · ${scopeText({ scope: '', columns: rep.columns })}` }),
    el('p', { className: 'counts' }, count('found', rep.foundCount), count('missing', rep.missing.length),
      count('misplaced', rep.misplaced.length), count('unexpected', rep.unexpected.length)),
    ...rows('missing', rep.missing, (b) => `${b.archiveNo} · ${b.point}${b.checkedOut ? ' · ' + t('out') : ''}`),
    ...rows('misplaced', rep.misplaced, (b) => `${b.archiveNo} · ${b.point} · ${t('seenAt')}${b.seenColumn}${t('columnSuffix')}`),
    ...rows('unexpected', rep.unexpected, (e) => e),
    el('a', { className: 'button', href: `/api/v1/inventory/${rep.session}/report?format=csv`, text: t('exportCsv') }));
}

// --- administration: users, machine tokens, the audit log ---
const roleText = (roles) => roles.map((r) => t(`role-${r}`)).join(lang === 'en' ? ', ' : '、');

// A button that asks once more before it acts: the first touch arms it, the second acts.
function twoStep(label, confirmLabel, act) {
  const b = el('button', { type: 'button', text: label });
  b.addEventListener('click', () => {
    if (b.dataset.armed === 'yes') { act(); return; }
    b.dataset.armed = 'yes';
    b.className = 'danger';
    b.textContent = confirmLabel;
  });
  return b;
}

let knownUsers = [];
async function drawAdmin(force = false) {
  const [users, tokens, audit] = await Promise.all([api('GET', '/users'), api('GET', '/tokens'), api('GET', '/audit?limit=50')]);
  // Rows with an armed button are left alone until it is used, so a refresh never takes a confirmation away.
  const armed = !force && document.querySelector('#admin [data-armed=yes]');
  if (users.status === 200 && !armed) {
    knownUsers = users.data.users.map((u) => u.username);
    $('user-list').tBodies[0].replaceChildren(...users.data.users.map((u) => el('tr', { 'data-user': u.username },
      el('td', { text: u.username }), el('td', { text: roleText(u.roles) }),
      el('td', {}, u.username === session.username ? '' : twoStep(t('remove'), t('confirmRemove'), async () => {
        const r = await api('DELETE', `/users/${encodeURIComponent(u.username)}`);
        say('admin-message', r, `${t('userRemoved')}${u.username}`);
        await drawAdmin(true);
      })))));
  }
  if (tokens.status === 200 && !armed) {
    $('token-list').tBodies[0].replaceChildren(...tokens.data.tokens.map((k) => el('tr', { 'data-token': k.name },
      el('td', { text: k.name }), el('td', { text: roleText(k.roles) }), el('td', { text: time(Date.parse(k.created)) }),
      el('td', {}, twoStep(t('revoke'), t('confirmRevoke'), async () => {
        const r = await api('DELETE', `/tokens/${encodeURIComponent(k.name)}`);
        say('admin-message', r, `${t('tokenRevoked')}${k.name}`);
        await drawAdmin(true);
      })))));
  }
  if (audit.status === 200) {
    $('audit').tBodies[0].replaceChildren(...audit.data.entries.map((e) => el('tr', { 'data-seq': e.seq },
      el('td', { text: `${e.seq}` }), el('td', { text: time(Date.parse(e.ts)) }), el('td', { text: e.actor.replace(/^user:/, '') }),
      el('td', { text: e.action }), el('td', { text: e.target }),
      el('td', { text: Object.entries(e.detail).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ') }))));
  }
}

// The room's configuration: one component's settings as a form built from its metatype.
let configs = null;
async function drawConfig(keepPick) {
  const r = await api('GET', '/config');
  if (r.status !== 200) { return; }
  configs = r.data;
  const pick = $('config-pid');
  const chosen = keepPick && pick.value ? pick.value : (configs.components[0] || {}).pid;
  pick.replaceChildren(...configs.components.map((c) => el('option', { value: c.pid, text: `${c.name} (${c.pid})` })));
  pick.value = chosen;
  $('config-note').textContent = configs.editable ? '' : t('onKura');
  $('config-save').hidden = !configs.editable;
  configFields();
}

function configFields() {
  const c = configs.components.find((x) => x.pid === $('config-pid').value);
  if (!c) { return; }
  $('config-fields').replaceChildren(...c.attributes.map((a) => {
    let input;
    if (a.type === 'boolean') {
      input = el('input', { type: 'checkbox', checked: a.value === true || a.value === 'true' });
    } else if (a.options && a.options.length > 0) {
      input = el('select', {}, ...a.options.map((o) => el('option', { value: o.value, text: o.label })));
      input.value = a.value;
    } else if (a.list) {
      input = el('textarea', { rows: Math.max(2, (a.value || []).length), value: (a.value || []).join('\n'), placeholder: t('listHint') });
    } else {
      input = el('input', { type: a.type === 'password' ? 'password' : 'text', value: a.value === null ? '' : `${a.value}`,
        placeholder: a.type === 'password' && a.set ? t('passwordSet') : '', autocomplete: 'off' });
    }
    input.dataset.setting = a.id;
    input.dataset.was = a.type === 'boolean' ? String(input.checked) : a.list ? input.value : input.value;
    input.disabled = !configs.editable;
    return el('label', { title: a.description || '' }, el('span', { text: `${a.name} (${a.id})` }), input, el('small', { text: a.description || '' }));
  }));
}

async function saveConfig() {
  const values = {};
  const c = configs.components.find((x) => x.pid === $('config-pid').value);
  document.querySelectorAll('#config-fields [data-setting]').forEach((input) => {
    const now = input.type === 'checkbox' ? String(input.checked) : input.value;
    if (now === input.dataset.was) { return; } // only what was changed
    const a = c.attributes.find((x) => x.id === input.dataset.setting);
    values[a.id] = a.list ? now.split('\n').map((v) => v.trim()).filter((v) => v !== '') : a.type === 'boolean' ? input.checked : now;
  });
  if (Object.keys(values).length === 0) { say('config-message', { status: 400, data: { message: t('nothingChanged') } }); return; }
  const r = await api('PUT', `/config/${encodeURIComponent(c.pid)}`, { values });
  if (say('config-message', r, `${t('saved')}${Object.entries(r.data.changed || {}).map(([k, v]) => `${k}: ${v}`).join('; ')}`)) {
    await drawConfig(true);
  }
}

async function addUser() {
  const roles = [...document.querySelectorAll('#new-roles input:checked')].map((c) => c.value);
  const username = $('new-user').value.trim();
  const password = $('new-password').value;
  const existing = knownUsers.includes(username);
  if (roles.length === 0 && !(existing && password)) { say('admin-message', { status: 400, data: { message: t('pickRole') } }); return; }
  let r;
  if (existing) { // an existing user: what was given changes, the rest stays
    const change = {};
    if (roles.length > 0) { change.roles = roles; }
    if (password) { change.password = password; }
    r = await api('PUT', `/users/${encodeURIComponent(username)}`, change);
  } else {
    r = await api('POST', '/users', { username, password, roles });
  }
  if (say('admin-message', r, `${existing ? t('userUpdated') : t('userAdded')}${username}${roles.length ? ` (${roleText(roles)})` : ''}`)) {
    $('new-user').value = '';
    $('new-password').value = '';
    document.querySelectorAll('#new-roles input').forEach((c) => { c.checked = false; });
    await drawAdmin(true);
  }
}

async function addToken() {
  const r = await api('POST', '/tokens', { name: $('token-name').value.trim(), roles: [$('token-role').value] });
  const shown = $('token-shown');
  shown.hidden = !say('admin-message', r, '');
  if (!shown.hidden) {
    shown.replaceChildren(t('tokenOnce'), el('code', { text: r.data.token }));
    $('token-name').value = '';
    await drawAdmin(true);
  }
}

async function verifyAudit() {
  const r = await api('GET', '/audit/verify');
  const m = $('verify-result');
  if (r.status !== 200) { m.className = 'message bad'; m.textContent = r.data.message; return; }
  m.className = 'message ' + (r.data.intact ? 'ok' : 'bad');
  m.textContent = r.data.intact ? `${t('intact')}${r.data.entries} ${t('entries')} ${r.data.lastHash.slice(0, 16)}…`
    : `${t('broken')} ${r.data.firstBad} ${t('brokenAt')}: ${r.data.problem}`;
}

async function drawStatus() {
  const r = await fetch('/api/v1/health');
  const h = await r.json();
  $('overall').dataset.status = h.status;
  $('overall').textContent = t(h.status);
  const list = $('subsystems');
  list.replaceChildren();
  for (const [name, sub] of Object.entries(h.subsystems)) {
    list.append(el('li', { 'data-status': sub.status, 'data-subsystem': name }, el('strong', { text: `${name} · ${t(sub.status)}` }), el('span', { text: sub.summary })));
  }
  $('time').textContent = new Date(h.time).toLocaleString(lang);
}

async function start() {
  translate();
  $('lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('lang', lang);
    translate();
    soundButton();
    if (session) { mapLayout = ''; drawMap(); banner(); refresh(); }
  });
  document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => show(b.dataset.tab)));
  soundButton();
  $('sound').addEventListener('click', () => {
    soundOn = !soundOn;
    localStorage.setItem('sound', soundOn ? 'on' : 'off');
    enableAudio();
    soundButton();
    banner();
  });
  document.addEventListener('pointerdown', enableAudio);
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api('POST', '/session', { username: $('username').value, password: $('password').value });
    if (r.status !== 200) { $('login-error').textContent = r.data.message || t('loginFailed'); return; }
    $('password').value = '';
    $('login-error').textContent = '';
    loggedIn(r.data);
  });
  $('logout').addEventListener('click', async () => { await api('DELETE', '/session'); showLogin(); });
  $('locate-form').addEventListener('submit', (e) => { e.preventDefault(); locate($('q').value); });
  $('loan-form').addEventListener('submit', (e) => { e.preventDefault(); checkOut(); });
  $('trail-form').addEventListener('submit', (e) => { e.preventDefault(); trail(`${$('trail-kind').value}:${$('trail-no').value.trim()}`); });
  $('inventory-form').addEventListener('submit', (e) => { e.preventDefault(); startInventory(); });
  document.querySelectorAll('#periods button').forEach((b) => b.addEventListener('click', () => { period = Number(b.dataset.hours); drawClimate(); }));
  $('user-form').addEventListener('submit', (e) => { e.preventDefault(); addUser(); });
  $('token-form').addEventListener('submit', (e) => { e.preventDefault(); addToken(); });
  $('verify').addEventListener('click', verifyAudit);
  $('config-pid').addEventListener('change', configFields);
  $('rehome').addEventListener('click', async () => {
    const r = await api('POST', '/shelving/rehome');
    say('map-message', r, t('rehomeStarted'));
  });
  $('config-form').addEventListener('submit', (e) => { e.preventDefault(); saveConfig(); });
  $('inspect-ok').addEventListener('click', () => inspect(true));
  $('inspect-problem').addEventListener('click', () => inspect(false));
  const me = await api('GET', '/session');
  if (me.status === 200 && me.data.csrf) { loggedIn(me.data); } else { showLogin(); }
}

function loggedIn(s) {
  session = s;
  $('user').textContent = `${s.username} (${s.roles.join(', ')})`;
  const may = (role) => s.roles.includes(role) || s.roles.includes('admin');
  document.querySelectorAll('[data-needs]').forEach((e) => { e.hidden = !may(e.dataset.needs); });
  stream('fire', '/fire/live', banner);
  stream('room', '/room/live', (room) => { drawMap(room); banner(); }); // the banner tells of latched stops on every screen
  const allowed = document.querySelector(`#tabs button[data-tab="${screen}"]`);
  show(allowed && !allowed.hidden ? screen : 'map');
}

start();

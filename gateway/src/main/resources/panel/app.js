'use strict';
// The panel's first screen: the health of every subsystem, in Chinese first and English second.
const TEXT = {
  'zh-CN': {
    title: '智能档案库房', health: '系统状态', loading: '正在读取…', updated: '更新时间', other: 'English',
    UP: '正常', DEGRADED: '部分异常', DOWN: '故障', unreachable: '无法连接网关',
    store: '数据库', 'device-bus': '设备总线', uplink: '上行链路', shelving: '密集架',
  },
  en: {
    title: 'Smart archive store room', health: 'System status', loading: 'Loading…', updated: 'Updated', other: '中文',
    UP: 'OK', DEGRADED: 'Degraded', DOWN: 'Down', unreachable: 'Cannot reach the gateway',
    store: 'Database', 'device-bus': 'Device bus', uplink: 'Uplink', shelving: 'Shelving',
  },
};
let lang = localStorage.getItem('lang') || 'zh-CN';
let last = null;

function t(key) { return (TEXT[lang] && TEXT[lang][key]) || key; }

function render() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang').textContent = t('other');
  const overall = document.getElementById('overall');
  const list = document.getElementById('subsystems');
  list.replaceChildren();
  if (!last) { return; }
  if (last.error) {
    overall.dataset.status = 'DOWN';
    overall.textContent = t('unreachable');
    return;
  }
  overall.dataset.status = last.status;
  overall.textContent = t(last.status);
  for (const [name, sub] of Object.entries(last.subsystems)) {
    const li = document.createElement('li');
    li.dataset.status = sub.status;
    li.dataset.subsystem = name;
    const title = document.createElement('strong');
    title.textContent = `${t(name)} · ${t(sub.status)}`;
    const summary = document.createElement('span');
    summary.textContent = sub.summary;
    li.append(title, summary);
    list.append(li);
  }
  document.getElementById('time').textContent = new Date(last.time).toLocaleString(lang);
}

async function refresh() {
  try {
    const r = await fetch('api/v1/health', { cache: 'no-store' });
    last = await r.json();
  } catch (e) {
    last = { error: String(e) };
  }
  render();
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  localStorage.setItem('lang', lang);
  render();
});
render();
refresh();
setInterval(refresh, 5000);

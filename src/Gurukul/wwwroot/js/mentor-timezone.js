// Mentor profile: when no time zone has been chosen yet, choose the browser's own. The mentor can still change it, and
// without JavaScript they simply pick it from the list. Browsers may report an older name of a zone (Chromium says
// Asia/Calcutta), so each option carries the names it is also known by.
(() => {
  const select = document.querySelector('select[data-detect-timezone]');
  if (!select || select.value) return;
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!zone) return;
  const option = Array.from(select.options).find(o => o.value === zone || (o.dataset.aliases || '').split(' ').includes(zone));
  if (!option) return;
  option.selected = true;
  const note = document.getElementById('timezone-detected');
  if (note) {
    note.hidden = false;
    select.setAttribute('aria-describedby', [select.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
  }
})();

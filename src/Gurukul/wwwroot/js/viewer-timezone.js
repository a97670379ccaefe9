// Mentor profile calendar: when the reader has never chosen a zone, show the times in the browser's own. The choice goes
// through the calendar's zone form (htmx fetches the calendar in that zone, and the server remembers it), so the reader
// can change it like any other; without JavaScript the calendar starts in the mentor's zone and they pick theirs there.
// Browsers may report an older name of a zone (Chromium says Asia/Calcutta), so each option carries its other names.
// With htmx it waits until htmx has processed the page (before that, nothing listens to the form's change); once only.
let viewerZoneDetected = false;
const detectViewerZone = () => {
  if (viewerZoneDetected) return;
  viewerZoneDetected = true;
  const calendar = document.getElementById('calendar');
  const select = calendar?.querySelector('select[data-detect-viewer-zone]');
  if (!select || calendar.dataset.zoneSource !== 'mentor') return;
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  const option = zone && Array.from(select.options).find(o => o.value === zone || (o.dataset.aliases || '').split(' ').includes(zone));
  if (!option || option.value === select.value) return;
  select.value = option.value;
  if (window.htmx) {
    // Fetched like a change of the picker, but marked as detected: the page's address stays as it was (nothing to go back to).
    const values = Object.fromEntries(new FormData(select.form));
    values.detected = '1';
    window.htmx.ajax('GET', select.form.getAttribute('hx-get'), { target: '#calendar', swap: 'outerHTML', values });
  } else {
    select.form.requestSubmit();
  }
};
if (window.htmx) {
  window.htmx.onLoad(detectViewerZone);
} else if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', detectViewerZone);
} else {
  detectViewerZone();
}

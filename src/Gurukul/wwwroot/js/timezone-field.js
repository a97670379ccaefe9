// Onboarding: fill in the time zone from the browser when the student has not chosen one yet. The field stays an
// ordinary list they can change; without JavaScript (or when the browser's zone is not in the list) they pick it there.
(() => {
  const field = document.querySelector('select[data-timezone-field]');
  if (!field || field.value) return;
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (zone && Array.from(field.options).some((option) => option.value === zone)) field.value = zone;
})();

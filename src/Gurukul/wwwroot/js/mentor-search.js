// Mentor search: htmx sends the form as the visitor changes it and puts the search in the address bar (hx-push-url).
// Empty fields are left out, so the address holds only the filters in use: /mentors?q=physics&language=te.
// Without JavaScript the form is a plain GET form and works the same, with the empty fields in the address.
document.addEventListener('htmx:configRequest', (event) => {
  if (!event.detail.elt.hasAttribute('data-drop-empty')) return;
  for (const [name, value] of [...event.detail.formData.entries()]) {
    if (value === '') event.detail.formData.delete(name);
  }
});

// The filters fold behind a button so that results start on a phone's first screen; where there is room they start open.
const filterPanel = document.getElementById('search-filter-panel');
if (filterPanel && window.matchMedia('(min-width: 1024px)').matches) filterPanel.open = true;

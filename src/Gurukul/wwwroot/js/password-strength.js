// Live strength hint for new passwords (Features/Accounts/Pages/PasswordStrength.razor). A rough, local estimate: length,
// variety, repetition and the person's own name and email. The server still decides (common passwords, the same rules).
(() => {
  const minimumLength = 10;
  const parts = (text, minimum) => (text || '').toLowerCase().split(/[\s.@_'-]+/).filter(p => p.length >= minimum);
  const levelOf = (password, personal) => {
    if (password.length < minimumLength) return ['weak', 'short'];
    const lower = password.toLowerCase();
    if (personal.some(p => lower.includes(p))) return ['weak', 'personal'];
    const distinct = new Set(lower).size;
    const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(r => r.test(password)).length;
    if (distinct < 5) return ['weak', 'weak'];
    if (password.length >= 16 || (password.length >= 12 && kinds >= 3 && distinct >= 8)) return ['strong', 'strong'];
    return ['fair', 'fair'];
  };
  document.querySelectorAll('[data-password-strength]').forEach(hint => {
    const input = document.getElementById(hint.dataset.passwordStrength);
    if (!input) return;
    const form = input.form;
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${hint.id}`.trim());
    const personal = () => {
      const email = form?.querySelector('input[type="email"]')?.value || hint.dataset.email || '';
      const name = form?.querySelector('input[autocomplete="name"]')?.value || hint.dataset.name || '';
      return [...parts(email.split('@')[0], 3), ...parts(name, 4)];
    };
    const update = () => {
      if (!input.value) { hint.textContent = ''; hint.removeAttribute('data-level'); return; }
      const [level, message] = levelOf(input.value, personal());
      const text = hint.dataset[message];
      if (hint.dataset.level !== level || hint.textContent !== text) {
        hint.dataset.level = level;
        hint.textContent = text;
      }
    };
    input.addEventListener('input', update);
    update();
  });
})();

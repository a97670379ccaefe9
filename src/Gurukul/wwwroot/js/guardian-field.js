// Sign-up: show the guardian's email only when it is needed (a student under 16). Without JavaScript the field is
// simply always shown, with a hint saying when to fill it in.
(() => {
  const form = document.querySelector('form[data-guardian-form]');
  if (!form) return;
  const field = document.getElementById('guardian-field');
  const birth = form.querySelector('input[name="Input.DateOfBirth"]');
  const update = () => {
    const student = form.querySelector('input[name="Input.Role"]:checked')?.value !== 'mentor';
    const born = birth.value ? new Date(birth.value + 'T00:00:00Z') : null;
    let under16 = false;
    if (born && !isNaN(born)) {
      const now = new Date();
      let age = now.getUTCFullYear() - born.getUTCFullYear();
      if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) age--;
      under16 = age < 16;
    }
    const hasError = field.querySelector('[aria-invalid="true"]') !== null;
    field.hidden = !(student && (under16 || hasError));
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();

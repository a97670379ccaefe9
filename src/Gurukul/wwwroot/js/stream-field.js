// Onboarding, school details: ask for a stream only in classes 11 and 12. Without JavaScript the field is always shown,
// with a hint saying it is for classes 11 and 12 only.
(() => {
  const field = document.querySelector('[data-stream-field]');
  const grade = document.querySelector('select[data-class-grade]');
  if (!field || !grade) return;
  const update = () => {
    const hasError = field.querySelector('[aria-invalid="true"]') !== null;
    const input = field.querySelector('input');
    field.hidden = !(Number(grade.value) >= 11 || hasError || (input && input.value.trim() !== ''));
  };
  grade.addEventListener('change', update);
  update();
})();

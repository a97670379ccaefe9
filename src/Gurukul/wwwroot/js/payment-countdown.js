// Checkout: counts down to the end of the hold. Without JavaScript the time left when the page was drawn is shown.
(() => {
  const timer = document.querySelector('time[data-countdown]');
  if (!timer) return;
  const end = Date.parse(timer.getAttribute('datetime'));
  const tick = () => {
    const left = Math.max(0, Math.floor((end - Date.now()) / 1000));
    timer.textContent = String(Math.floor(left / 60)).padStart(2, '0') + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) {
      clearInterval(interval);
      window.location.reload();
    }
  };
  const interval = setInterval(tick, 1000);
  tick();
})();

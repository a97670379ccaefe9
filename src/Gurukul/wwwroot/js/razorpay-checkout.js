// Checkout with Razorpay: opens Razorpay Checkout for the order on the page. Razorpay posts the signed result to Gurukul's
// return address (callback_url), which checks the signature and records the payment.
(() => {
  const button = document.querySelector('button[data-razorpay-checkout]');
  if (!button || typeof window.Razorpay !== 'function') return;
  button.addEventListener('click', () => {
    const d = button.dataset;
    new window.Razorpay({
      key: d.key,
      order_id: d.order,
      amount: Number(d.amount),
      currency: d.currency,
      name: d.name,
      description: d.description,
      callback_url: d.callback,
      redirect: true,
      prefill: d.email ? { email: d.email } : {},
    }).open();
  });
})();

// The card payment form (Stripe Payment Element). Settings come from the form's data attributes.
(function () {
  var form = document.getElementById("payment-form");
  if (!form) return;
  var message = document.getElementById("payment-message");
  if (!window.Stripe) { message.textContent = form.dataset.unavailable; return; }
  var stripe = Stripe(form.dataset.key);
  var elements = stripe.elements({clientSecret: form.dataset.secret});
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.dataset.return}}).then(function (r) {
      if (r.error) { message.textContent = r.error.message; }
    });
  });
})();

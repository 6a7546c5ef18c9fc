/* Crystal Bay hub lead form. Embed on your site:
 *   <div id="crystalbay-form"></div>
 *   <script src="https://HUB/widget.js" data-key="WIDGET_KEY" data-lang="ru" async></script>
 * The key is a widget key (Settings → Widget keys): public, and accepted only from the
 * origins listed on it. Submissions go to POST /api/v1/leads/import with source "widget".
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var hub = new URL(script.src).origin;
  var key = script.getAttribute("data-key") || "";
  var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "ru").slice(0, 2);
  var text = {
    ru: { title: "Подобрать тур", name: "Имя", phone: "Телефон", email: "E-mail",
          message: "Куда и когда хотите поехать?", send: "Отправить",
          sent: "Спасибо! Менеджер скоро свяжется с вами.",
          failed: "Не удалось отправить. Попробуйте ещё раз или позвоните нам.",
          contact: "Укажите телефон или e-mail." },
    en: { title: "Find a tour", name: "Name", phone: "Phone", email: "E-mail",
          message: "Where and when would you like to go?", send: "Send",
          sent: "Thank you! A manager will contact you soon.",
          failed: "Could not send. Please try again or call us.",
          contact: "Please give a phone or an e-mail." }
  }[lang === "en" ? "en" : "ru"];
  var host = document.getElementById(script.getAttribute("data-target") || "crystalbay-form");
  if (!host) { host = document.createElement("div"); script.parentNode.insertBefore(host, script); }
  var form = document.createElement("form");
  form.className = "crystalbay-form";
  form.innerHTML =
    "<strong></strong>" +
    "<label><span></span><input name=name autocomplete=name maxlength=200></label>" +
    "<label><span></span><input name=phone type=tel autocomplete=tel maxlength=40></label>" +
    "<label><span></span><input name=email type=email autocomplete=email maxlength=320></label>" +
    "<label><span></span><textarea name=message rows=3 maxlength=4000></textarea></label>" +
    "<button type=submit></button><p role=status aria-live=polite></p>";
  var labels = form.querySelectorAll("label span");
  form.querySelector("strong").textContent = text.title;
  [text.name, text.phone, text.email, text.message].forEach(function (t, i) { labels[i].textContent = t; });
  form.querySelector("button").textContent = text.send;
  var status = form.querySelector("p");
  var attempt = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = { name: form.name.value.trim(), phone: form.phone.value.trim() || null,
                 email: form.email.value.trim() || null, message: form.message.value.trim(),
                 source: "widget" };
    if (!data.phone && !data.email) { status.textContent = text.contact; return; }
    // One key per filled-in form: a double click or a retry after a timeout imports once.
    attempt = attempt || ("widget-" + Date.now() + "-" + Math.random().toString(36).slice(2));
    form.querySelector("button").disabled = true;
    fetch(hub + "/api/v1/leads/import", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + key,
                 "Idempotency-Key": attempt },
      body: JSON.stringify(data)
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      status.textContent = text.sent;
      form.reset();
      attempt = null;
    }).catch(function () {
      status.textContent = text.failed;
    }).then(function () {
      form.querySelector("button").disabled = false;
    });
  });
  host.appendChild(form);
})();

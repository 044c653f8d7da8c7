// "Someone we already know?": as an officer types a resident's details into a form marked
// data-known-residents="<look-up address>", ask the look-up (debounced) and list the known
// residents most like them in the form's live region. Progressive enhancement: without this
// script the form still works, and the create page's confirmation step warns on submit.
const WAIT_MS = 350;
const FIELDS = ["full_name", "name", "email", "phone", "postcode", "dob_day", "dob_month", "dob_year"];

function text(tag, className, content) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (content) element.textContent = content;
  return element;
}

function render(region, residents) {
  region.replaceChildren();
  region.className = residents.length ? "govuk-inset-text" : "";
  if (!residents.length) return;
  region.append(text("h2", "govuk-heading-m", "Someone we already know?"));
  region.append(text("p", "govuk-body", "These known residents look like the person you are entering. Check with them before creating another record."));
  const list = text("ul", "govuk-list");
  for (const resident of residents) {
    const item = text("li", "govuk-!-margin-bottom-3");
    const link = text("a", "govuk-link govuk-!-font-weight-bold", resident.name);
    link.href = resident.url;
    item.append(link);
    const facts = [resident.address, resident.birth_year ? "born " + resident.birth_year : ""].filter(Boolean);
    if (facts.length) item.append(text("span", "", ", " + facts.join(", ")));
    if (resident.likely) item.append(" ", text("strong", "govuk-tag govuk-tag--red", "Likely"));
    item.append(text("span", "govuk-hint govuk-!-display-block govuk-!-margin-bottom-0", resident.reasons.join("; ")));
    list.append(item);
  }
  region.append(list);
}

function watch(form) {
  const region = document.getElementById(form.dataset.knownResidentsRegion);
  if (!region) return;
  let timer = null;
  let asked = 0;
  const ask = async () => {
    const query = new URLSearchParams();
    for (const name of FIELDS) {
      const field = form.elements.namedItem(name);
      if (field && field.value.trim()) query.set(name, field.value.trim());
    }
    const number = ++asked;
    if (![...query.keys()].some((key) => !key.startsWith("dob_"))) {
      render(region, []);
      return;
    }
    try {
      const response = await fetch(form.dataset.knownResidents + "?" + query, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok || number !== asked) return;
      render(region, (await response.json()).residents);
    } catch {
      // The look-up is a help, never a step: a failure leaves the form as it is.
    }
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, WAIT_MS);
  });
}

document.querySelectorAll("form[data-known-residents]").forEach(watch);

"""Files the browser front end (`policy-assistant serve`) serves: its page template."""

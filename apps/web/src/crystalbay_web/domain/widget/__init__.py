"""``/widget.js``: the embeddable lead form for agency websites."""

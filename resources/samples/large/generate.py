#!/usr/bin/env python3
"""Generate the "large" Filare Perf sample: the wiring of a fictional
electric utility vehicle (UV-700), split into several harness files.

The output is deterministic: all variation comes from ``random.Random``
instances seeded with fixed values, so running this script again produces
byte-identical YAML files.

Usage:
    python3 generate.py [--out DIR] [--scale FLOAT]

``--scale`` multiplies the number of devices per harness (default 1.0). The
committed YAML files were generated with the default values.

Only the Python standard library is used (the YAML is written by hand so no
PyYAML is required to regenerate the files).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# --------------------------------------------------------------------------
# Catalogues (all part numbers are illustrative)
# --------------------------------------------------------------------------

# Device connector families: pincount -> (type, subtype, manufacturer, mpn)
DEVICE_HOUSINGS = {
    2: [
        ("Deutsch DT", "plug, 2-way, sealed", "TE Connectivity", "DT06-2S"),
        ("Superseal 1.5", "receptacle, 2-way", "TE Connectivity", "282080-1"),
    ],
    3: [
        ("Deutsch DT", "plug, 3-way, sealed", "TE Connectivity", "DT06-3S"),
        ("Superseal 1.5", "receptacle, 3-way", "TE Connectivity", "282087-1"),
    ],
    4: [
        ("Deutsch DT", "plug, 4-way, sealed", "TE Connectivity", "DT06-4S"),
        ("MX150", "receptacle, 4-way, sealed", "Molex", "33471-0401"),
    ],
    6: [
        ("Deutsch DT", "plug, 6-way, sealed", "TE Connectivity", "DT06-6S"),
        ("MX150", "receptacle, 6-way, sealed", "Molex", "33471-0601"),
    ],
    8: [
        ("Deutsch DT", "plug, 8-way, sealed", "TE Connectivity", "DT06-08SA"),
    ],
}

# Central connectors (ECU / fuse box / inline) by pincount
HUB_HOUSINGS = {
    35: ("AMPSEAL", "plug, 35-way", "TE Connectivity", "776164-1"),
    47: ("Deutsch DRC", "receptacle, 47-way", "TE Connectivity", "DRC26-47S"),
    60: ("Deutsch DRC", "receptacle, 60-way", "TE Connectivity", "DRC26-60S"),
}

# Device kinds: name prefix, signal labels, cable style
DEVICE_KINDS = [
    ("Wheel speed sensor", "WSS", ["SIG+", "SIG-"], "twisted"),
    ("Temperature sensor", "TS", ["NTC", "AGND"], "signal"),
    ("Pressure sensor", "PS", ["+5V", "SIG", "AGND"], "signal"),
    ("Solenoid valve", "YV", ["PWR", "RTN"], "power"),
    ("Lamp assembly", "HL", ["TAIL", "STOP", "TURN", "GND"], "power"),
    ("Position sensor", "POS", ["+5V", "SIG_A", "SIG_B", "AGND"], "signal"),
    ("CAN node", "CN", ["CAN_H", "CAN_L", "KL30", "KL31"], "can"),
    ("Switch", "SW", ["COM", "NO", "NC"], "signal"),
    ("DC motor", "M", ["M+", "M-"], "power"),
    ("Camera", "CAM", ["VIN", "GND", "VID+", "VID-", "CAN_H", "CAN_L"], "can"),
    ("Level sensor", "LS", ["+5V", "SIG", "AGND", "SHLD"], "signal"),
    ("Actuator", "ACT", ["M+", "M-", "+5V", "POS", "AGND", "FAULT"], "power"),
    ("Keypad", "KP", ["KL15", "GND", "LIN", "ILLUM", "WAKE", "SPARE", "ROW", "COL"], "signal"),
]

# Cable styles: style -> list of (type, gauge, color code or None, shield, manufacturer, mpn prefix)
CABLE_STYLES = {
    "twisted": ("Twisted pair, shielded, FLRY", "0.35 mm2", "BW", True, "Lapp", "FLRY-TP"),
    "signal": ("Sensor cable, PUR", "0.5 mm2", "IEC", False, "Lapp", "UNITRONIC-PUR"),
    "power": ("Power cable, FLRY-B", "1.5 mm2", "DIN", False, "Leoni", "FLRYB"),
    "can": ("CAN bus cable, 120 ohm", "0.5 mm2", "DIN", True, "Helukabel", "CAN-BUS"),
}

TRUNK_CABLE = ("Trunk cable, FLRY, multicore", "0.75 mm2", "DIN", True, "Leoni", "FLRY-MC")

# Harness files: (file stem, code, title, zone description, hubs, device count, seed)
HARNESSES = [
    ("front-body", "FB", "Front body harness",
     "Headlamps, front sensors, wiper and washer system",
     ["FBCM", "FRONT-FUSE"], 75, 11),
    ("drive-unit", "DU", "Drive unit harness",
     "Traction inverter, motor sensors, coolant and brake hydraulics",
     ["VCU", "INV-IF", "PDU"], 92, 23),
    ("cabin", "CB", "Cabin harness",
     "Instrument cluster, switch panels, HVAC and seat electrics",
     ["CCM", "DASH-FUSE", "HVAC-IF"], 97, 37),
    ("chassis", "CH", "Chassis and rear body harness",
     "Wheel speed sensors, rear lamps, tipper hydraulics and hitch",
     ["RBCM", "REAR-FUSE"], 84, 51),
]


# --------------------------------------------------------------------------
# Minimal YAML writer (keeps the generator dependency-free)
# --------------------------------------------------------------------------

def q(value) -> str:
    """Quote a scalar for YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(items) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def pin_list(pins) -> str:
    return "[" + ", ".join(str(p) for p in pins) + "]"


# --------------------------------------------------------------------------
# Model building
# --------------------------------------------------------------------------

def build_harness(stem, file_code, title, zone, hub_names, n_devices, seed, scale):
    rng = random.Random(seed)
    n_devices = max(4, int(round(n_devices * scale)))

    # Hubs: designator -> dict
    hubs = {}
    for idx, hub in enumerate(hub_names):
        pincount = [35, 47, 60][idx % 3] if idx else 60
        hubs[hub] = {
            "pincount": pincount,
            "labels": ["SPARE"] * pincount,
            "next": 1,
            "housing": HUB_HOUSINGS[pincount],
        }

    connectors = []  # (designator, dict)
    cables = []  # (designator, dict)
    connections = []  # list of connection-set strings
    hub_order = list(hubs)

    # Devices -------------------------------------------------------------
    kind_counter = {}
    cable_no = 1
    for dev_idx in range(n_devices):
        kind_name, prefix, signals, style = DEVICE_KINDS[rng.randrange(len(DEVICE_KINDS))]
        n = kind_counter.get(prefix, 0) + 1
        kind_counter[prefix] = n
        designator = f"{file_code}-{prefix}{n}"

        # pick a hub that still has room
        candidates = [h for h in hub_order if hubs[h]["next"] + len(signals) - 1 <= hubs[h]["pincount"]]
        if not candidates:
            # add another inline hub when all are full
            name = f"{file_code}-INL{len(hubs) + 1}"
            hubs[name] = {"pincount": 47, "labels": ["SPARE"] * 47, "next": 1,
                          "housing": HUB_HOUSINGS[47]}
            hub_order.append(name)
            candidates = [name]
        hub_name = candidates[rng.randrange(len(candidates))]
        hub = hubs[hub_name]
        first = hub["next"]
        hub_pins = list(range(first, first + len(signals)))
        hub["next"] += len(signals)
        for pin, sig in zip(hub_pins, signals):
            hub["labels"][pin - 1] = f"{prefix}{n}_{sig}"

        pincount = len(signals)
        housings = DEVICE_HOUSINGS[pincount]
        h_type, h_sub, h_man, h_mpn = housings[rng.randrange(len(housings))]
        side = rng.choice(["LH", "RH", "centre", "upper", "lower"])
        connectors.append((designator, {
            "type": h_type,
            "subtype": h_sub,
            "pn": f"UV7-{file_code}-C{dev_idx + 1:03d}",
            "manufacturer": h_man,
            "mpn": h_mpn,
            "pinlabels": signals,
            "notes": f"{kind_name}, {side}",
            "additional_components": [
                ("Crimp contact, size 16", pincount, "TE Connectivity", "0462-201-16141"),
                ("Cavity plug", 1 if rng.random() < 0.3 else 0, "TE Connectivity", "0413-217-1605"),
            ],
        }))

        c_type, gauge, code, shield, c_man, c_mpn = CABLE_STYLES[style]
        length = round(rng.uniform(0.4, 4.5), 2)
        cable_designator = f"W{file_code}{cable_no:03d}"
        cables.append((cable_designator, {
            "type": c_type,
            "gauge": gauge,
            "length": length,
            "color_code": code,
            "wirecount": pincount,
            "shield": shield,
            "pn": f"UV7-{file_code}-W{cable_no:03d}",
            "manufacturer": c_man,
            "mpn": f"{c_mpn}-{pincount}x{gauge.split()[0]}",
        }))
        cable_no += 1
        wires = list(range(1, pincount + 1))
        connections.append((designator, wires, cable_designator, wires, hub_name, hub_pins))

    # Trunk cables between consecutive hubs --------------------------------
    for a, b in zip(hub_order, hub_order[1:]):
        free_a = hubs[a]["pincount"] - hubs[a]["next"] + 1
        free_b = hubs[b]["pincount"] - hubs[b]["next"] + 1
        count = min(12, free_a, free_b)
        if count < 2:
            continue
        pins_a = list(range(hubs[a]["next"], hubs[a]["next"] + count))
        pins_b = list(range(hubs[b]["next"], hubs[b]["next"] + count))
        hubs[a]["next"] += count
        hubs[b]["next"] += count
        for i, (pa, pb) in enumerate(zip(pins_a, pins_b)):
            hubs[a]["labels"][pa - 1] = f"TRUNK_{b}_{i + 1}"
            hubs[b]["labels"][pb - 1] = f"TRUNK_{a}_{i + 1}"
        c_type, gauge, code, shield, c_man, c_mpn = TRUNK_CABLE
        cable_designator = f"W{file_code}{cable_no:03d}"
        cables.append((cable_designator, {
            "type": c_type,
            "gauge": gauge,
            "length": round(rng.uniform(0.8, 2.5), 2),
            "color_code": code,
            "wirecount": count,
            "shield": shield,
            "pn": f"UV7-{file_code}-T{cable_no:03d}",
            "manufacturer": c_man,
            "mpn": f"{c_mpn}-{count}x0.75",
        }))
        cable_no += 1
        wires = list(range(1, count + 1))
        connections.append((a, pins_a, cable_designator, wires, b, pins_b))

    hub_connectors = []
    for idx, (name, hub) in enumerate(hubs.items()):
        h_type, h_sub, h_man, h_mpn = hub["housing"]
        hub_connectors.append((name, {
            "type": h_type,
            "subtype": h_sub,
            "pn": f"UV7-{file_code}-H{idx + 1:02d}",
            "manufacturer": h_man,
            "mpn": h_mpn,
            "pinlabels": hub["labels"],
            "notes": "Control module / distribution connector",
            "additional_components": [
                ("Crimp contact, size 20", hub["next"] - 1, "TE Connectivity", "0462-201-20141"),
                ("Sealing plug, size 20", hub["pincount"] - hub["next"] + 1, "TE Connectivity", "0413-204-2005"),
                ("Backshell, strain relief", 1, "TE Connectivity", "DRC-BS"),
            ],
        }))

    bom_extra = [
        ("Convoluted tubing NW10, black", f"{round(rng.uniform(8, 20), 1)} m", "Schlemmer", "SCH-NW10"),
        ("Convoluted tubing NW17, black", f"{round(rng.uniform(3, 9), 1)} m", "Schlemmer", "SCH-NW17"),
        ("Fabric tape 19 mm", f"{round(rng.uniform(10, 30), 1)} m", "Tesa", "tesa 51036"),
        ("Cable tie 4.8 x 200 mm", n_devices * 3, "HellermannTyton", "T50R"),
        ("Grommet, bulkhead 40 mm", len(hubs), "Generic", "GR-40"),
        ("Harness label, printed", n_devices + len(hubs), "Brady", "B-7641"),
    ]

    return {
        "stem": stem,
        "title": title,
        "zone": zone,
        "file_code": file_code,
        "connectors": hub_connectors + connectors,
        "cables": cables,
        "connections": connections,
        "bom_extra": bom_extra,
    }


def render_yaml(h) -> str:
    out = []
    w = out.append
    w(f"# Filare Perf sample (large): UV-700 electric utility vehicle - {h['title']}")
    w(f"# {h['zone']}.")
    w("# GENERATED by generate.py - edit the generator, not this file.")
    w("# All part numbers are illustrative.")
    w("")
    w("metadata:")
    w(f"  title: {q('UV-700 ' + h['title'])}")
    w(f"  pn: {q('UV7-WH-' + h['file_code'])}")
    w(f"  company: {q('Filare Perf Samples')}")
    w(f"  address: {q('12 Workbench Lane, Sample Town')}")
    w("  authors:")
    w("    Created:")
    w(f"      name: {q('generate.py')}")
    w("      date: 2025-02-10")
    w("  revisions:")
    w("    A:")
    w(f"      name: {q('generate.py')}")
    w("      date: 2025-02-10")
    w(f"      changelog: {q('Generated sample for profiling')}")
    w("")
    w("connectors:")
    for name, c in h["connectors"]:
        w(f"  {name}:")
        for key in ("type", "subtype", "pn", "manufacturer", "mpn"):
            w(f"    {key}: {q(c[key])}")
        w(f"    pinlabels: {flow_list(c['pinlabels'])}")
        w(f"    notes: {q(c['notes'])}")
        extras = [a for a in c["additional_components"] if a[1] > 0]
        if extras:
            w("    additional_components:")
            for typ, qty, man, mpn in extras:
                w(f"      - type: {q(typ)}")
                w(f"        qty: {qty}")
                w(f"        manufacturer: {q(man)}")
                w(f"        mpn: {q(mpn)}")
    w("")
    w("cables:")
    for name, c in h["cables"]:
        w(f"  {name}:")
        for key in ("type", "gauge", "length", "color_code", "wirecount", "shield",
                    "pn", "manufacturer", "mpn"):
            w(f"    {key}: {q(c[key])}")
    w("")
    w("connections:")
    for a, pins_a, cab, wires, b, pins_b in h["connections"]:
        w(f"  - - {a}: {pin_list(pins_a)}")
        w(f"    - {cab}: {pin_list(wires)}")
        w(f"    - {b}: {pin_list(pins_b)}")
    w("")
    w("additional_bom_items:")
    for typ, qty, man, mpn in h["bom_extra"]:
        w(f"  - type: {q(typ)}")
        w(f"    qty: {q(qty) if isinstance(qty, str) else qty}")
        w(f"    manufacturer: {q(man)}")
        w(f"    mpn: {q(mpn)}")
    w("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, code, title, zone, hubs, n_devices, seed in HARNESSES:
        h = build_harness(stem, code, title, zone, hubs, n_devices, seed, args.scale)
        path = args.out / f"{stem}.yml"
        path.write_text(render_yaml(h), encoding="utf-8")
        print(f"{path}: {len(h['connectors'])} connectors, {len(h['cables'])} cables")


if __name__ == "__main__":
    main()

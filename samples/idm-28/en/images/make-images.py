#!/usr/bin/env python3
"""Regenerate the images of the IDM No. 28 sample (standard library only).

Writes cover.png, fig-timeline.png and fig-partners.png next to this script.
The pictures are simple flat-colour shapes; they carry no text, so the
alt text in the DocBook source is the only description of their content.
"""
import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


class Canvas:
    def __init__(self, width, height, background):
        self.w = width
        self.h = height
        self.rows = [bytearray(bytes(background) * width) for _ in range(height)]

    def pixel(self, x, y, colour):
        if 0 <= x < self.w and 0 <= y < self.h:
            i = 3 * x
            self.rows[y][i:i + 3] = bytes(colour)

    def rect(self, x0, y0, x1, y1, colour):
        """Fill the rectangle [x0, x1) x [y0, y1)."""
        x0, x1 = max(0, x0), min(self.w, x1)
        y0, y1 = max(0, y0), min(self.h, y1)
        if x0 >= x1:
            return
        run = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            self.rows[y][3 * x0:3 * x1] = run

    def disc(self, cx, cy, r, colour):
        for y in range(max(0, cy - r), min(self.h, cy + r + 1)):
            dy = y - cy
            half = int(math.sqrt(max(0, r * r - dy * dy)))
            self.rect(cx - half, y, cx + half + 1, y + 1, colour)

    def ring(self, cx, cy, r, width, colour, inner_colour):
        self.disc(cx, cy, r, colour)
        self.disc(cx, cy, r - width, inner_colour)

    def line(self, x0, y0, x1, y1, width, colour):
        steps = int(max(abs(x1 - x0), abs(y1 - y0))) or 1
        half = width // 2
        for s in range(steps + 1):
            x = round(x0 + (x1 - x0) * s / steps)
            y = round(y0 + (y1 - y0) * s / steps)
            self.rect(x - half, y - half, x + half + 1, y + half + 1, colour)

    def save(self, name):
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)

        def chunk(kind, data):
            body = kind + data
            return (struct.pack(">I", len(data)) + body
                    + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))

        png = (b"\x89PNG\r\n\x1a\n"
               + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
               + chunk(b"IDAT", zlib.compress(raw, 9))
               + chunk(b"IEND", b""))
        path = os.path.join(HERE, name)
        with open(path, "wb") as f:
            f.write(png)
        print(f"{name}: {self.w}x{self.h}, {len(png)} bytes")


NAVY = (0, 51, 102)
IOM_BLUE = (0, 93, 170)
SKY = (88, 166, 220)
TEAL = (0, 150, 136)
GOLD = (242, 169, 0)
CORAL = (230, 96, 72)
GREEN = (106, 168, 79)
PURPLE = (120, 82, 160)
WHITE = (255, 255, 255)
PALE = (236, 242, 248)
GREY = (150, 160, 170)


def cover():
    c = Canvas(600, 900, NAVY)
    # top strip for the series name
    c.rect(0, 0, 600, 120, IOM_BLUE)
    c.rect(40, 50, 340, 62, WHITE)
    c.rect(40, 76, 240, 84, SKY)
    # band of interlocking blocks: partners joined together
    colours = [SKY, TEAL, GOLD, CORAL, GREEN, PURPLE]
    for row in range(4):
        y = 300 + row * 70
        offset = 0 if row % 2 == 0 else 45
        for i in range(8):
            x = -45 + offset + i * 90
            col = colours[(i + row * 2) % len(colours)]
            c.rect(x, y, x + 80, y + 60, col)
            # small tab that "locks" into the block below
            if row < 3:
                c.rect(x + 30, y + 60, x + 50, y + 70, col)
    # title placeholder bars
    c.rect(40, 640, 560, 660, WHITE)
    c.rect(40, 680, 480, 700, WHITE)
    c.rect(40, 720, 400, 732, SKY)
    # bottom strip
    c.rect(0, 820, 600, 900, PALE)
    c.rect(40, 850, 200, 870, IOM_BLUE)
    c.save("cover.png")


def timeline():
    c = Canvas(900, 320, WHITE)
    axis_y = 220
    c.rect(40, axis_y - 3, 860, axis_y + 3, GREY)
    # month ticks, December 2017 .. December 2018 (13 months)
    x_of = lambda month: 60 + round(month * (780 / 12))
    for m in range(13):
        x = x_of(m)
        c.rect(x - 1, axis_y - 10, x + 2, axis_y + 10, GREY)
    # milestones: (month index from Dec 2017, height, colour)
    milestones = [
        (0.1, 70, IOM_BLUE),    # stocktaking meeting, Dec 2017
        (3.85, 150, GOLD),      # New York workshop, 26-27 Mar 2018
        (7.4, 70, IOM_BLUE),    # text agreed, Jul 2018
        (10.25, 150, GOLD),     # Geneva workshop, 8-9 Oct 2018
        (12.3, 70, TEAL),       # adoption conference, Dec 2018
    ]
    for month, height, colour in milestones:
        x = x_of(month)
        c.rect(x - 4, axis_y - height, x + 4, axis_y, colour)
        c.disc(x, axis_y - height, 14, colour)
        c.disc(x, axis_y, 8, NAVY)
    # legend swatches (no text)
    c.rect(60, 270, 90, 290, GOLD)
    c.rect(110, 270, 140, 290, IOM_BLUE)
    c.rect(160, 270, 190, 290, TEAL)
    c.save("fig-timeline.png")


def partners():
    c = Canvas(640, 640, WHITE)
    cx, cy = 320, 320
    outer = [IOM_BLUE, SKY, TEAL, GREEN, GOLD, CORAL]
    radius = 220
    points = []
    for i in range(6):
        a = -math.pi / 2 + i * 2 * math.pi / 6
        points.append((round(cx + radius * math.cos(a)), round(cy + radius * math.sin(a))))
    for i, (x, y) in enumerate(points):
        nx, ny = points[(i + 1) % 6]
        c.line(x, y, nx, ny, 5, GREY)
        c.line(x, y, cx, cy, 5, GREY)
    c.ring(cx, cy, 95, 10, NAVY, PURPLE)
    for (x, y), col in zip(points, outer):
        c.ring(x, y, 62, 6, NAVY, col)
    c.save("fig-partners.png")


if __name__ == "__main__":
    cover()
    timeline()
    partners()

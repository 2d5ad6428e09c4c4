"""`policy-assistant train`: a training quiz for hotline staff, marked by the calculators."""

from __future__ import annotations

import argparse
import sys

from assistant.commands import Command


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--n", type=int, default=10, metavar="题数", help="题目数量（默认 10）")
    p.add_argument(
        "--seed", type=int, metavar="种子", help="随机种子：相同种子出相同的题（默认随机，结束时显示）"
    )
    p.add_argument(
        "--as-of", metavar="日期", help="按此日期判断措施是否在有效期内（默认今天），如 2024-03-15"
    )


def run(args: argparse.Namespace) -> int:
    from assistant.commands.batch_cmd import parse_as_of
    from assistant.training.quiz import QUIT_WORDS, AnswerError, Quiz

    as_of = parse_as_of(args.as_of)
    if as_of is False:
        return 2
    if not 1 <= args.n <= 200:
        sys.stderr.write("错误：题数应在 1 到 200 之间，如 --n 10。\n")
        return 2
    quiz = Quiz(n=args.n, seed=args.seed, as_of=as_of)
    out = sys.stdout
    out.write(
        "政策测算练习：每题读一段情形，输入应得金额（元），如 80000、8万；不符合条件答 0；"
        "“跳过”看答案，“退出”结束。\n"
    )
    while not quiz.done:
        out.write(f"\n{quiz.prompt()}\n> ")
        out.flush()
        while True:
            line = sys.stdin.readline()
            if not line:  # end of input: the score so far
                out.write(f"\n\n输入结束。{quiz.summary()}\n")
                return 0
            if line.strip().lower() in QUIT_WORDS:
                out.write(f"\n{quiz.summary()}\n")
                return 0
            try:
                feedback = quiz.answer(line)
                break
            except AnswerError as exc:
                out.write(f"{exc.message}\n{quiz.current.question}\n> ")
                out.flush()
        out.write(feedback.text + "\n")
    out.write(f"\n练习结束。{quiz.summary()}\n")
    return 0


COMMANDS = [Command("train", "测算练习：按通知的门槛、档位和封顶出题，自动判分", configure, run, order=55)]

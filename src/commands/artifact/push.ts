import { ArtifactTransferCommand } from '../../cli/artifact-transfer-command.js'

export default class ArtifactPush extends ArtifactTransferCommand {
  static override description = 'Copy the artifacts the records reference to a remote (a directory or s3://bucket/prefix); an object already there is never replaced'
  static override examples = [
    '<%= config.bin %> artifact push',
    '<%= config.bin %> artifact push --remote backup --project Examples',
    'AWS_PROFILE=team <%= config.bin %> artifact push --remote s3 --json',
  ]
  protected readonly direction = 'push'
}
